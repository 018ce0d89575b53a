// toProblem: application errors and Fastify's own errors as problem+json (RFC 9457).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DependencyTimeoutError,
  InvalidInputError,
  NotFoundError,
  UnavailableError,
} from '../src/platform/errors.ts';
import { HttpError } from '../src/platform/http/http-error.ts';
import { toProblem } from '../src/platform/http/problem-details.ts';

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

  test('maps framework errors and hides everything unknown behind a bare 500', () => {
    assert.equal(
      toProblem({ code: 'FST_ERR_HANDLER_TIMEOUT', statusCode: 503 }).problem.status,
      504,
    );
    assert.equal(
      toProblem({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }).problem.status,
      413,
    );
    assert.equal(toProblem(new HttpError(429, 'slow down')).problem.status, 429);
    const json = toProblem(
      Object.assign(new SyntaxError('Unexpected token s in "secret"'), { statusCode: 400 }),
    );
    assert.equal(json.problem.detail, 'The request body is not valid JSON.');
    const crash = toProblem(new Error('SELECT * FROM users failed at /srv/app.js:12'));
    assert.deepEqual(crash.problem, {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
    assert.equal(crash.log, 'error');
  });
});
