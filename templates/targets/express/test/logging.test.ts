import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exceptionFields, scrubSecrets } from '../src/platform/logger.ts';
import { healthyDatabase } from './support/fake-database.ts';
import { createTestApp } from './support/test-app.ts';

describe('structured logging', () => {
  test('every line has the contract keys; the access log has exactly one line per request', async () => {
    const testApp = await createTestApp(healthyDatabase(), {}, (router) => {
      router.get('/items/:id', (req, res) => {
        res.json({ id: req.params.id });
      });
    });
    await testApp.request('/items/42?token=sentinel-q-4', {
      headers: { 'user-agent': 'tests/1.0', 'x-forwarded-for': '203.0.113.7' },
    });

    for (const line of testApp.logs) {
      assert.match(String(line.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(['trace', 'debug', 'info', 'warn', 'error', 'fatal'].includes(line.level));
      assert.equal(typeof line.msg, 'string');
      assert.equal(line['service.name'], 'test-svc');
      assert.equal(line['service.version'], '1.2.3');
    }
    const access = testApp.logs.filter((line) => 'http.response.status_code' in line);
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
    await testApp.close();
  });

  test('module routes are logged with their mount path; unmatched requests without a route', async () => {
    const testApp = await createTestApp(healthyDatabase());
    await testApp.request('/notes/not-a-uuid');
    await testApp.request('/nowhere');
    const routes = testApp.logs
      .filter((line) => 'http.response.status_code' in line)
      .map((line) => [line['url.path'], line['http.route'], line.level]);
    assert.deepEqual(routes, [
      ['/notes/not-a-uuid', '/notes/:id', 'warn'],
      ['/nowhere', undefined, 'warn'],
    ]);
    await testApp.close();
  });

  test('the client address comes from X-Forwarded-For only behind a trusted proxy', async () => {
    const testApp = await createTestApp(healthyDatabase(), { TRUST_PROXY_HOPS: '1' });
    await testApp.request('/nope', { headers: { 'x-forwarded-for': '203.0.113.7' } });
    assert.equal(
      testApp.logs.find((line) => 'http.response.status_code' in line)?.['client.address'],
      '203.0.113.7',
    );
    await testApp.close();
  });

  test('credentials never reach the log, even at debug level', async () => {
    const testApp = await createTestApp(healthyDatabase(), { LOG_LEVEL: 'debug' }, (router) => {
      router.post('/login', (req, res) => {
        req.log.debug({ headers: req.headers, body: req.body as unknown }, 'careless debug line');
        res.json({ ok: true });
      });
    });
    await testApp.request('/login?token=sentinel-q-4', {
      method: 'POST',
      headers: {
        authorization: 'Bearer sentinel-auth-1',
        cookie: 'sid=sentinel-cookie-2',
        'x-api-key': 'sentinel-key-3',
      },
      json: { password: 'sentinel-body-5' },
    });
    const output = testApp.rawLogs.join('\n');
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
    await testApp.close();
  });

  test('LOG_LEVEL=warn drops info lines, including successful access logs', async () => {
    const testApp = await createTestApp(healthyDatabase(), { LOG_LEVEL: 'warn' }, (router) => {
      router.get('/ok', (_req, res) => {
        res.json({ ok: true });
      });
    });
    await testApp.request('/ok');
    assert.equal(
      testApp.logs.filter((line) => line.level === 'info' || line.level === 'debug').length,
      0,
    );
    await testApp.close();
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
