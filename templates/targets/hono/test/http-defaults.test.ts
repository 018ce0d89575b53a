import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { zValidator } from '@hono/zod-validator';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../src/platform/http/app-env.ts';
import { rejectInvalid } from '../src/platform/http/validation.ts';
import { healthyDatabase } from './support/fake-database.ts';
import { sendChunked, serve } from './support/http.ts';
import { createTestApp } from './support/test-app.ts';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Test-only routes standing in for module routes. */
function testRoutes(app: Hono<AppEnv>): void {
  app.get('/ok', (c) => c.json({ ok: true }));
  app.post('/echo', zValidator('json', z.unknown(), rejectInvalid), (c) =>
    c.json({ received: c.req.valid('json') }),
  );
  app.post(
    '/strict',
    zValidator('json', z.strictObject({ name: z.string() }), rejectInvalid),
    (c) => c.json(c.req.valid('json')),
  );
  app.get('/boom', () => {
    throw new Error('database password=sentinel-5 exploded at /srv/app/secret.js');
  });
  app.get('/slow', async (c) => {
    await sleep(2000, undefined, { signal: c.get('deadline') });
    return c.json({ done: true });
  });
}

async function assertProblem(response: Response, status: number): Promise<Record<string, any>> {
  assert.equal(response.status, status);
  assert.match(String(response.headers.get('content-type')), /^application\/problem\+json/);
  const body = (await response.json()) as Record<string, any>;
  assert.equal(body.status, status);
  assert.equal(body.type, 'about:blank');
  assert.equal(typeof body.title, 'string');
  assert.equal(body.request_id, response.headers.get('x-request-id'));
  return body;
}

describe('HTTP production defaults', () => {
  test('security headers on success, client error and server error responses', async () => {
    const { app } = createTestApp(healthyDatabase(), {}, testRoutes);
    for (const url of ['/ok', '/missing', '/boom', '/livez']) {
      const response = await app.request(url);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        assert.equal(response.headers.get(name), value, `${url} ${name}`);
      }
      assert.match(
        String(response.headers.get('content-security-policy')),
        /frame-ancestors 'none'/,
      );
      assert.equal(response.headers.get('x-powered-by'), null);
      assert.equal(response.headers.get('strict-transport-security'), null);
    }
  });

  test('HSTS only when a trusted proxy says the request was HTTPS', async () => {
    const trusted = createTestApp(healthyDatabase(), { TRUST_PROXY_HOPS: '1' }, testRoutes);
    const https = await trusted.app.request('/ok', { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(
      https.headers.get('strict-transport-security'),
      'max-age=31536000; includeSubDomains',
    );

    const direct = createTestApp(healthyDatabase(), {}, testRoutes);
    const spoofed = await direct.app.request('/ok', { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(spoofed.headers.get('strict-transport-security'), null);
  });

  test('unknown route → 404 and known route with another method → 405 + Allow, as problem+json', async () => {
    const { app } = createTestApp(healthyDatabase(), {}, testRoutes);
    await assertProblem(await app.request('/does-not-exist'), 404);
    const wrongMethod = await app.request('/ok', { method: 'DELETE' });
    assert.match(String(wrongMethod.headers.get('allow')), /GET/);
    await assertProblem(wrongMethod, 405);
  });

  test('500 hides internals from the client and logs the exception', async () => {
    const { app, logs } = createTestApp(healthyDatabase(), {}, testRoutes);
    const response = await app.request('/boom');
    const text = await response.clone().text();
    const body = await assertProblem(response, 500);
    assert.equal(body.detail, undefined);
    for (const leak of ['sentinel', 'secret.js', 'Error:', ' at '])
      assert.ok(!text.includes(leak), leak);

    const errorLine = logs.find((line) => line.msg === 'request failed');
    assert.ok(errorLine);
    assert.equal(errorLine.level, 'error');
    assert.equal(errorLine['exception.type'], 'Error');
    assert.match(String(errorLine['exception.stacktrace']), /at /);
    const access = logs.find((line) => line['http.response.status_code'] === 500);
    assert.equal(access?.level, 'error');
  });

  test('request ids: a valid inbound id is echoed, anything else replaced by a UUID', async () => {
    const { app, logs } = createTestApp(healthyDatabase(), {}, testRoutes);
    const echoed = await app.request('/ok', { headers: { 'x-request-id': 'abc-1.2_3' } });
    assert.equal(echoed.headers.get('x-request-id'), 'abc-1.2_3');
    assert.ok(
      logs.some((line) => line.request_id === 'abc-1.2_3' && line.msg === 'request completed'),
    );

    for (const invalid of ['has space', 'x'.repeat(300), 'a=b']) {
      const response = await app.request('/ok', { headers: { 'x-request-id': invalid } });
      assert.match(String(response.headers.get('x-request-id')), /^[0-9a-f-]{36}$/);
    }
  });

  test('body rules: 415 for non-JSON, 400 for malformed JSON, 413 over the limit', async () => {
    const { app } = createTestApp(healthyDatabase(), { BODY_LIMIT_BYTES: '64' }, testRoutes);
    const post = (body: string, contentType = 'application/json', path = '/echo') =>
      app.request(path, { method: 'POST', body, headers: { 'content-type': contentType } });

    await assertProblem(await post('hello', 'text/plain'), 415);
    await assertProblem(await post('{"a":'), 400);
    const exact = JSON.stringify({ pad: 'x'.repeat(64 - 10) });
    assert.equal(exact.length, 64);
    assert.equal((await post(exact)).status, 200);
    await assertProblem(await post(JSON.stringify({ pad: 'x'.repeat(64 - 9) })), 413);
  });

  test('strict body schemas refuse unknown and prototype-poisoning keys with 422', async () => {
    const { app } = createTestApp(healthyDatabase(), {}, testRoutes);
    const post = (body: string) =>
      app.request('/strict', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
    assert.equal((await post('{"name":"ok"}')).status, 200);
    const poisoned = await assertProblem(
      await post('{"name":"x","__proto__":{"isAdmin":true}}'),
      422,
    );
    assert.deepEqual(poisoned.errors, [
      { location: 'body', pointer: '/__proto__', message: 'is not allowed' },
    ]);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });

  test('413 for an oversized chunked body, answered before the client finishes sending', async () => {
    const { app, config } = createTestApp(
      healthyDatabase(),
      { BODY_LIMIT_BYTES: '1024' },
      testRoutes,
    );
    const server = await serve(app, config);
    // 100 chunks of 100 bytes, one every 20 ms: the full upload would take 2 s.
    const chunks = Array.from({ length: 100 }, () => 'x'.repeat(100));
    const started = Date.now();
    const response = await sendChunked(server.port, '/echo', ['{"pad":"', ...chunks, '"}'], 20);
    assert.equal(response.status, 413);
    assert.match(String(response.headers['content-type']), /problem\+json/);
    assert.ok(Date.now() - started < 1500, 'answered while the body was still arriving');
    await server.close();
  });

  test('handler deadline: REQUEST_TIMEOUT_MS → 504 problem+json and the access log agrees', async () => {
    const { app, logs } = createTestApp(
      healthyDatabase(),
      { REQUEST_TIMEOUT_MS: '100' },
      testRoutes,
    );
    const started = Date.now();
    await assertProblem(await app.request('/slow'), 504);
    assert.ok(Date.now() - started < 1000, 'answered at the deadline, not when the work ended');
    assert.ok(
      logs.some((line) => line['http.response.status_code'] === 504 && line.level === 'error'),
    );
  });

  test('load shedding: requests past MAX_CONCURRENT_REQUESTS get 503 + Retry-After; probes pass', async () => {
    const { app } = createTestApp(
      healthyDatabase(),
      { MAX_CONCURRENT_REQUESTS: '2', REQUEST_TIMEOUT_MS: '300' },
      testRoutes,
    );
    const slowRequest = async () => app.request('/slow');
    const slow = [slowRequest(), slowRequest()];
    await sleep(50);
    const shed = await app.request('/ok');
    assert.match(String(shed.headers.get('retry-after')), /^[1-9]\d*$/);
    await assertProblem(shed, 503);
    assert.equal((await app.request('/livez')).status, 200);
    await Promise.all(slow);
    assert.equal((await app.request('/ok')).status, 200);
  });

  test('rate limit: off by default; with RATE_LIMIT_RPM the next request gets 429; probes exempt', async () => {
    const unlimited = createTestApp(healthyDatabase(), {}, testRoutes);
    for (let i = 0; i < 50; i += 1) {
      assert.equal((await unlimited.app.request('/ok')).status, 200);
    }

    const { app } = createTestApp(healthyDatabase(), { RATE_LIMIT_RPM: '3' }, testRoutes);
    for (let i = 0; i < 3; i += 1) assert.equal((await app.request('/ok')).status, 200);
    const limited = await app.request('/ok');
    assert.match(String(limited.headers.get('retry-after')), /^\d+$/);
    assert.equal(limited.headers.get('ratelimit-limit'), '3');
    await assertProblem(limited, 429);
    for (let i = 0; i < 5; i += 1) assert.equal((await app.request('/livez')).status, 200);
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
    const closed = createTestApp(healthyDatabase(), {}, testRoutes);
    const noCors = await closed.app.request('/ok', {
      headers: { origin: 'https://app.example.com' },
    });
    assert.equal(noCors.headers.get('access-control-allow-origin'), null);

    const { app } = createTestApp(
      healthyDatabase(),
      { CORS_ALLOWED_ORIGINS: 'https://app.example.com' },
      testRoutes,
    );
    const allowed = await app.request('/echo', preflight);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.match(String(allowed.headers.get('vary')), /Origin/);
    assert.match(String(allowed.headers.get('access-control-allow-methods')), /POST/);
    assert.ok(Number(allowed.headers.get('access-control-max-age')) <= 7200);
    const evil = await app.request('/echo', {
      ...preflight,
      headers: { ...preflight.headers, origin: 'https://evil.example.com' },
    });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });
});
