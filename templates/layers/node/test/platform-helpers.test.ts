import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { classifyPostgresError } from '../src/platform/database/postgres.ts';
import { clientAddress } from '../src/platform/http/client-address.ts';
import { parseResourceAttributes } from '../src/platform/service-identity.ts';
import { errorTypeFromPgException } from '../src/platform/telemetry/db-error-type.ts';
import { createDiagLogger } from '../src/platform/telemetry/diagnostics.ts';
import { prometheusBaseName } from '../src/platform/telemetry/prometheus-names.ts';
import { capturingLogger } from './support/logs.ts';

function databaseError(code: string): pg.DatabaseError {
  const error = new pg.DatabaseError('server said no', 0, 'error');
  error.code = code;
  return error;
}

describe('classifyPostgresError', () => {
  for (const [name, error, expected] of [
    ['statement_timeout', databaseError('57014'), 'timeout'],
    ['client read timeout', new Error('Query read timeout'), 'timeout'],
    ['admin shutdown', databaseError('57P01'), 'unavailable'],
    ['too many connections', databaseError('53300'), 'unavailable'],
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'unavailable',
    ],
    ['pool acquire timeout', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    ['connection lost', new Error('Connection terminated unexpectedly'), 'unavailable'],
    ['unique violation', databaseError('23505'), 'query'],
    ['syntax error', databaseError('42601'), 'query'],
    ['programming error', new TypeError('x is not a function'), 'query'],
  ] as const) {
    test(`${name} → ${expected}`, () => assert.equal(classifyPostgresError(error), expected));
  }
});

describe('clientAddress', () => {
  test('ignores X-Forwarded-For without trusted hops and walks it from the right otherwise', () => {
    assert.equal(clientAddress('10.0.0.1', '203.0.113.7', 0), '10.0.0.1');
    assert.equal(clientAddress('10.0.0.1', '203.0.113.7', 1), '203.0.113.7');
    assert.equal(clientAddress('10.0.0.1', '198.51.100.1, 203.0.113.7', 1), '203.0.113.7');
    assert.equal(clientAddress('10.0.0.1', '198.51.100.1, 203.0.113.7', 2), '198.51.100.1');
    assert.equal(clientAddress('10.0.0.1', '203.0.113.7', 5), '203.0.113.7');
  });
});

describe('parseResourceAttributes', () => {
  test('reads comma-separated, percent-encoded pairs', () => {
    assert.deepEqual(parseResourceAttributes('service.version=1.2.3, team=a%2Cb,broken,=x'), {
      'service.version': '1.2.3',
      team: 'a,b',
    });
  });
});

describe('createDiagLogger', () => {
  test('writes at most N lines a minute and reports what it suppressed', () => {
    let now = 0;
    const { logger, lines } = capturingLogger();
    const diag = createDiagLogger(logger, 2, () => now);
    for (let i = 0; i < 10; i += 1) diag.error(`export failed ${i}`);
    assert.equal(lines.length, 2);
    now = 60_000;
    diag.error('export failed again');
    assert.deepEqual(
      lines.map((line) => line.msg),
      [
        'opentelemetry: export failed 0',
        'opentelemetry: export failed 1',
        'opentelemetry: similar diagnostics were suppressed',
        'opentelemetry: export failed again',
      ],
    );
    assert.equal(lines[2]?.suppressed, 8);
  });
});

describe('prometheusBaseName', () => {
  for (const [name, unit, expected] of [
    ['http.server.request.duration', 's', 'http.server.request.duration_seconds'],
    ['process.memory.usage', 'By', 'process.memory.usage_bytes'],
    ['http.server.active_requests', '{request}', 'http.server.active_requests'],
    ['nodejs.eventloop.utilization', '1', 'nodejs.eventloop.utilization'],
    ['system.network.io', 'By/s', 'system.network.io_bytes_per_second'],
    ['queue.wait_seconds', 's', 'queue.wait_seconds'],
  ] as const) {
    test(`${name} [${unit}] → ${expected}`, () =>
      assert.equal(prometheusBaseName(name, unit), expected));
  }
});

describe('errorTypeFromPgException', () => {
  test('takes the SQLSTATE, else the error name, from the sanitized pg exception text', () => {
    assert.equal(
      errorTypeFromPgException("PostgreSQL error of type 'error' occurred (code: 57014)"),
      '57014',
    );
    assert.equal(
      errorTypeFromPgException("PostgreSQL error of type 'Error' occurred (code: UNKNOWN)"),
      'Error',
    );
    assert.equal(errorTypeFromPgException(new Error('other')), undefined);
  });
});
