// toProblem: application errors and Hono's errors as problem+json (RFC 9457).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HTTPException } from 'hono/http-exception';
import {
  DependencyTimeoutError,
  InvalidInputError,
  NotFoundError,
  UnavailableError,
} from '../src/platform/errors.ts';
import { HttpError } from '../src/platform/http/http-error.ts';
import { toProblem } from '../src/platform/http/problem-details.ts';
import { DeadlineExceededError } from '../src/platform/http/deadline.ts';

describe('toProblem', () => {
  test('maps application errors to statuses with safe details', () => {
    assert.equal(toProblem(new NotFoundError('No note with id 1.')).problem.status, 404);
    const invalid = toProblem(
      new InvalidInputError('bad', [{ pointer: '/title', message: 'blank' }]),
    );
    assert.equal(invalid.problem.status, 422);
    assert.deepEqual(invalid.problem.errors, [{ pointer: '/title', message: 'blank' }]);
    const unavailable = toProblem(
      new UnavailableError('db host 10.0.0.5 down', { retryAfterSeconds: 2 }),
    );
    assert.equal(unavailable.problem.status, 503);
    assert.equal(unavailable.headers['retry-after'], '2');
    assert.doesNotMatch(JSON.stringify(unavailable.problem), /10\.0\.0\.5/);
    assert.equal(toProblem(new DependencyTimeoutError('slow')).problem.status, 504);
  });

  test('maps Hono and platform errors and hides everything unknown behind a bare 500', () => {
    assert.equal(toProblem(new DeadlineExceededError(100)).problem.status, 504);
    assert.equal(toProblem(new HTTPException(413)).problem.status, 413);
    const json = toProblem(new HTTPException(400, { message: 'Malformed JSON in request body' }));
    assert.equal(json.problem.detail, 'The request body is not valid JSON.');
    const limited = toProblem(new HttpError(429, 'slow down', { 'retry-after': '60' }));
    assert.equal(limited.problem.status, 429);
    assert.equal(limited.headers['retry-after'], '60');
    assert.equal(toProblem(new HttpError(503, 'at capacity')).log, 'none');
    const crash = toProblem(new Error('SELECT * FROM users failed at /srv/app.js:12'));
    assert.deepEqual(crash.problem, {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
    assert.equal(crash.log, 'error');
  });
});
