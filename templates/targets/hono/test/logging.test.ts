import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exceptionFields, scrubSecrets } from '../src/platform/logger.ts';
import { healthyDatabase } from './support/fake-database.ts';
import { serve } from './support/http.ts';
import { createTestApp } from './support/test-app.ts';

describe('structured logging', () => {
  test('every line has the contract keys; the access log has exactly one line per request', async () => {
    const { app, config, logs } = createTestApp(healthyDatabase(), {}, (scope) => {
      scope.get('/items/:id', (c) => c.json({ id: c.req.param('id') }));
    });
    // Over a real socket: the client address is the TCP peer's.
    const server = await serve(app, config);
    await fetch(`${server.url}/items/42?token=sentinel-q-4`, {
      headers: { 'user-agent': 'tests/1.0', 'x-forwarded-for': '203.0.113.7' },
    });
    await server.close();

    for (const line of logs) {
      assert.match(String(line.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(['trace', 'debug', 'info', 'warn', 'error', 'fatal'].includes(line.level));
      assert.equal(typeof line.msg, 'string');
      assert.equal(line['service.name'], 'test-svc');
      assert.equal(line['service.version'], '1.2.3');
    }
    const access = logs.filter((line) => 'http.response.status_code' in line);
    assert.equal(access.length, 1);
    const [line] = access;
    assert.deepEqual(
      {
        msg: line?.msg,
        level: line?.level,
        method: line?.['http.request.method'],
        path: line?.['url.path'],
        route: line?.['http.route'],
        status: line?.['http.response.status_code'],
        userAgent: line?.['user_agent.original'],
        // X-Forwarded-For is ignored unless TRUST_PROXY_HOPS says otherwise.
        client: line?.['client.address'],
      },
      {
        msg: 'request completed',
        level: 'info',
        method: 'GET',
        path: '/items/42',
        route: '/items/:id',
        status: 200,
        userAgent: 'tests/1.0',
        client: '127.0.0.1',
      },
    );
    assert.equal(typeof line?.duration_ms, 'number');
    assert.equal(typeof line?.request_id, 'string');
  });

  test('the client address comes from X-Forwarded-For only behind a trusted proxy', async () => {
    const { app, logs } = createTestApp(healthyDatabase(), { TRUST_PROXY_HOPS: '1' });
    await app.request('/nope', { headers: { 'x-forwarded-for': '203.0.113.7' } });
    assert.equal(
      logs.find((line) => 'http.response.status_code' in line)?.['client.address'],
      '203.0.113.7',
    );
  });

  test('credentials never reach the log, even at debug level', async () => {
    const { app, rawLogs } = createTestApp(healthyDatabase(), { LOG_LEVEL: 'debug' }, (scope) => {
      scope.post('/login', async (c) => {
        c.get('logger').debug(
          { headers: c.req.header(), body: await c.req.json() },
          'careless debug line',
        );
        return c.json({ ok: true });
      });
    });
    await app.request('/login?token=sentinel-q-4', {
      method: 'POST',
      headers: {
        authorization: 'Bearer sentinel-auth-1',
        cookie: 'sid=sentinel-cookie-2',
        'x-api-key': 'sentinel-key-3',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ password: 'sentinel-body-5' }),
    });
    const output = rawLogs.join('\n');
    assert.ok(output.includes('careless debug line'));
    for (const sentinel of [
      'sentinel-auth-1',
      'sentinel-cookie-2',
      'sentinel-key-3',
      'sentinel-q-4',
      'sentinel-body-5',
    ]) {
      assert.ok(!output.includes(sentinel), `${sentinel} leaked`);
    }
  });

  test('LOG_LEVEL=warn drops info lines, including successful access logs', async () => {
    const { app, logs } = createTestApp(healthyDatabase(), { LOG_LEVEL: 'warn' }, (scope) => {
      scope.get('/ok', (c) => c.json({ ok: true }));
    });
    await app.request('/ok');
    assert.equal(logs.filter((line) => line.level === 'info' || line.level === 'debug').length, 0);
  });

  test('exceptions become single-string semantic-convention fields, credentials scrubbed', () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    const error = new Error('lost postgres://app:sentinel-db-9f3a@db.internal/app', { cause });
    const fields = exceptionFields(error);
    assert.equal(fields['exception.type'], 'Error');
    assert.match(fields['exception.message']!, /ECONNREFUSED/);
    assert.doesNotMatch(JSON.stringify(fields), /sentinel-db-9f3a/);
    assert.equal(scrubSecrets('postgres://u:p@h/db'), 'postgres://u:[REDACTED]@h/db');
  });
});
