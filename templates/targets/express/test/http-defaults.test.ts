import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { Router } from 'express';
import { healthyDatabase } from './support/fake-database.ts';
import { sendChunked } from './support/http.ts';
import { createTestApp, type TestResponse } from './support/test-app.ts';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Test-only routes standing in for module routes. */
function testRoutes(router: Router): void {
  router.get('/ok', (_req, res) => {
    res.json({ ok: true });
  });
  router.post('/echo', (req, res) => {
    res.json({ received: req.body as unknown });
  });
  router.get('/boom', () => {
    throw new Error('database password=sentinel-5 exploded at /srv/app/secret.js');
  });
  router.get('/slow', async (req, res) => {
    try {
      await sleep(2000, undefined, { signal: req.deadline });
    } catch {
      return; // the deadline already answered
    }
    res.json({ done: true });
  });
}

function assertProblem(response: TestResponse, status: number): Record<string, any> {
  assert.equal(response.status, status);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json() as Record<string, any>;
  assert.equal(body.status, status);
  assert.equal(body.type, 'about:blank');
  assert.equal(typeof body.title, 'string');
  assert.equal(body.request_id, response.headers['x-request-id']);
  return body;
}

describe('HTTP production defaults', () => {
  test('security headers on success, client error and server error responses', async () => {
    const testApp = await createTestApp(healthyDatabase(), {}, testRoutes);
    for (const path of ['/ok', '/missing', '/boom', '/livez']) {
      const response = await testApp.request(path);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        assert.equal(response.headers[name], value, `${path} ${name}`);
      }
      assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(response.headers['x-powered-by'], undefined);
      assert.equal(response.headers['strict-transport-security'], undefined);
      assert.equal(response.headers.etag, undefined);
    }
    await testApp.close();
  });

  test('HSTS only when a trusted proxy says the request was HTTPS', async () => {
    const trusted = await createTestApp(healthyDatabase(), { TRUST_PROXY_HOPS: '1' }, testRoutes);
    const https = await trusted.request('/ok', { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(https.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
    await trusted.close();

    const direct = await createTestApp(healthyDatabase(), {}, testRoutes);
    const spoofed = await direct.request('/ok', { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(spoofed.headers['strict-transport-security'], undefined);
    await direct.close();
  });

  test('unknown route → 404 and known route with another method → 405 + Allow, as problem+json', async () => {
    const testApp = await createTestApp(healthyDatabase(), {}, testRoutes);
    assertProblem(await testApp.request('/does-not-exist'), 404);
    const wrongMethod = await testApp.request('/ok', { method: 'DELETE' });
    assertProblem(wrongMethod, 405);
    assert.equal(wrongMethod.headers.allow, 'GET, HEAD');
    // Module routes (mounted under their prefix) are known too.
    assert.match(
      String((await testApp.request('/notes', { method: 'PUT' })).headers.allow),
      /POST/,
    );
    // Express answers OPTIONS itself, listing the methods of the route.
    const options = await testApp.request('/ok', { method: 'OPTIONS' });
    assert.equal(options.status, 200);
    assert.equal(options.headers.allow, 'GET, HEAD');
    await testApp.close();
  });

  test('500 hides internals from the client and logs the exception', async () => {
    const testApp = await createTestApp(healthyDatabase(), {}, testRoutes);
    const response = await testApp.request('/boom');
    const body = assertProblem(response, 500);
    assert.equal(body.detail, undefined);
    for (const leak of ['sentinel', 'secret.js', 'Error:', ' at ']) {
      assert.ok(!response.body.includes(leak), leak);
    }

    const errorLine = testApp.logs.find((line) => line.msg === 'request failed');
    assert.ok(errorLine);
    assert.equal(errorLine.level, 'error');
    assert.equal(errorLine['exception.type'], 'Error');
    assert.match(String(errorLine['exception.stacktrace']), /at /);
    assert.equal(errorLine.request_id, response.headers['x-request-id']);
    const access = testApp.logs.find((line) => line['http.response.status_code'] === 500);
    assert.equal(access?.level, 'error');
    await testApp.close();
  });

  test('request ids: a valid inbound id is echoed, anything else replaced by a UUID', async () => {
    const testApp = await createTestApp(healthyDatabase(), {}, testRoutes);
    const echoed = await testApp.request('/ok', { headers: { 'x-request-id': 'abc-123' } });
    assert.equal(echoed.headers['x-request-id'], 'abc-123');
    assert.ok(
      testApp.logs.some(
        (line) => line.request_id === 'abc-123' && line.msg === 'request completed',
      ),
    );

    for (const invalid of ['has space', 'x'.repeat(300), 'a\tb']) {
      const response = await testApp.request('/ok', { headers: { 'x-request-id': invalid } });
      assert.match(String(response.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    }
    await testApp.close();
  });

  test('body rules: 415 for non-JSON, 400 for malformed JSON, 413 over the limit', async () => {
    const testApp = await createTestApp(healthyDatabase(), { BODY_LIMIT_BYTES: '64' }, testRoutes);
    const post = (body: string, contentType = 'application/json') =>
      testApp.request('/echo', { method: 'POST', body, headers: { 'content-type': contentType } });

    assertProblem(await post('hello', 'text/plain'), 415);
    assertProblem(await post('{"a":'), 400);
    assertProblem(await post('{"__proto__":{"isAdmin":true}}'), 400);
    const exact = JSON.stringify({ pad: 'x'.repeat(64 - 10) });
    assert.equal(exact.length, 64);
    assert.deepEqual((await post(exact)).json(), { received: { pad: 'x'.repeat(54) } });
    assertProblem(await post(JSON.stringify({ pad: 'x'.repeat(64 - 9) })), 413);
    // The app keeps serving after refusing a body it did not read.
    assert.equal((await testApp.request('/ok')).status, 200);
    await testApp.close();
  });

  test('413 for an oversized chunked body, answered before the client finishes sending', async () => {
    const testApp = await createTestApp(
      healthyDatabase(),
      { BODY_LIMIT_BYTES: '1024' },
      testRoutes,
    );
    // 100 chunks of 100 bytes, one every 20 ms: the full upload would take 2 s.
    const chunks = Array.from({ length: 100 }, () => 'x'.repeat(100));
    const started = Date.now();
    const response = await sendChunked(testApp.port, '/echo', ['{"pad":"', ...chunks, '"}'], 20);
    assert.equal(response.status, 413);
    assert.match(String(response.headers['content-type']), /problem\+json/);
    assert.equal(response.headers.connection, 'close');
    assert.ok(Date.now() - started < 1500, 'answered while the body was still arriving');
    await testApp.close();
  });

  test('handler deadline: REQUEST_TIMEOUT_MS → 504 problem+json and the access log agrees', async () => {
    const testApp = await createTestApp(
      healthyDatabase(),
      { REQUEST_TIMEOUT_MS: '100' },
      testRoutes,
    );
    const started = Date.now();
    const response = await testApp.request('/slow');
    assertProblem(response, 504);
    assert.ok(Date.now() - started < 1000, 'answered at the deadline, not when the handler ended');
    assert.ok(
      testApp.logs.some(
        (line) => line['http.response.status_code'] === 504 && line.level === 'error',
      ),
    );
    await testApp.close();
  });

  test('load shedding: requests past MAX_CONCURRENT_REQUESTS get 503 + Retry-After; probes pass', async () => {
    const testApp = await createTestApp(
      healthyDatabase(),
      { MAX_CONCURRENT_REQUESTS: '2', REQUEST_TIMEOUT_MS: '300' },
      testRoutes,
    );
    const slow = [testApp.request('/slow'), testApp.request('/slow')];
    await sleep(50);
    assert.equal(testApp.http.inFlightRequests(), 2);
    const shed = await testApp.request('/ok');
    assertProblem(shed, 503);
    assert.match(String(shed.headers['retry-after']), /^[1-9]\d*$/);
    assert.equal((await testApp.request('/livez')).status, 200);
    await Promise.all(slow);
    assert.equal((await testApp.request('/ok')).status, 200);
    await testApp.close();
  });

  test('rate limit: off by default; with RATE_LIMIT_RPM the next request gets 429; probes exempt', async () => {
    const unlimited = await createTestApp(healthyDatabase(), {}, testRoutes);
    for (let i = 0; i < 50; i += 1) {
      assert.equal((await unlimited.request('/ok')).status, 200);
    }
    await unlimited.close();

    const testApp = await createTestApp(healthyDatabase(), { RATE_LIMIT_RPM: '3' }, testRoutes);
    for (let i = 0; i < 3; i += 1) assert.equal((await testApp.request('/ok')).status, 200);
    const limited = await testApp.request('/ok');
    assertProblem(limited, 429);
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
    assert.ok(limited.headers.ratelimit, 'IETF RateLimit header');
    for (let i = 0; i < 5; i += 1) assert.equal((await testApp.request('/livez')).status, 200);
    await testApp.close();
  });

  test('CORS: off by default; exact-origin allow-list when configured', async () => {
    const preflight = {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    };
    const closed = await createTestApp(healthyDatabase(), {}, testRoutes);
    const noCors = await closed.request('/ok', { headers: { origin: 'https://app.example.com' } });
    assert.equal(noCors.headers['access-control-allow-origin'], undefined);
    await closed.close();

    const testApp = await createTestApp(
      healthyDatabase(),
      { CORS_ALLOWED_ORIGINS: 'https://app.example.com' },
      testRoutes,
    );
    const allowed = await testApp.request('/echo', preflight);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.match(String(allowed.headers.vary), /Origin/);
    assert.match(String(allowed.headers['access-control-allow-methods']), /POST/);
    assert.ok(Number(allowed.headers['access-control-max-age']) <= 7200);
    const evil = await testApp.request('/echo', {
      ...preflight,
      headers: { ...preflight.headers, origin: 'https://evil.example.com' },
    });
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    await testApp.close();
  });
});
