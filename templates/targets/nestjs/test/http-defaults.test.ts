import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { Body, Controller, ForbiddenException, Get, HttpCode, Module, Post } from '@nestjs/common';
import { Deadline } from '../src/platform/http/deadline.ts';
import { healthyDatabase } from './support/fake-database.ts';
import { listen, sendChunked } from './support/http.ts';
import { createTestApp } from './support/test-app.ts';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Test-only routes standing in for module routes. */
@Controller()
class TestController {
  @Get('ok')
  ok() {
    return { ok: true };
  }

  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: unknown) {
    return { received: body };
  }

  @Get('boom')
  boom() {
    throw new Error('database password=sentinel-5 exploded at /srv/app/secret.js');
  }

  @Get('forbidden')
  forbidden() {
    throw new ForbiddenException('Only the owner may read this.');
  }

  @Get('slow')
  async slow(@Deadline() signal: AbortSignal) {
    // Rejects when the deadline passes: the 504 has been sent by then.
    await sleep(2000, undefined, { signal });
    return { done: true };
  }
}

@Module({ controllers: [TestController] })
class TestRoutes {}

const testRoutes = [TestRoutes];

function assertProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): any },
  status: number,
): Record<string, any> {
  assert.equal(response.statusCode, status);
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
    const { app } = await createTestApp(healthyDatabase(), {}, testRoutes);
    for (const url of ['/ok', '/missing', '/boom', '/livez']) {
      const response = await app.inject({ method: 'GET', url });
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        assert.equal(response.headers[name], value, `${url} ${name}`);
      }
      assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(response.headers['x-powered-by'], undefined);
      assert.equal(response.headers['strict-transport-security'], undefined);
    }
    await app.close();
  });

  test('HSTS only when a trusted proxy says the request was HTTPS', async () => {
    const trusted = await createTestApp(healthyDatabase(), { TRUST_PROXY_HOPS: '1' }, testRoutes);
    const https = await trusted.app.inject({
      method: 'GET',
      url: '/ok',
      headers: { 'x-forwarded-proto': 'https' },
    });
    assert.equal(https.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
    await trusted.app.close();

    const direct = await createTestApp(healthyDatabase(), {}, testRoutes);
    const spoofed = await direct.app.inject({
      method: 'GET',
      url: '/ok',
      headers: { 'x-forwarded-proto': 'https' },
    });
    assert.equal(spoofed.headers['strict-transport-security'], undefined);
    await direct.app.close();
  });

  test('unknown route → 404 and known route with another method → 405 + Allow, as problem+json', async () => {
    const { app } = await createTestApp(healthyDatabase(), {}, testRoutes);
    assertProblem(await app.inject({ method: 'GET', url: '/does-not-exist' }), 404);
    const wrongMethod = await app.inject({ method: 'DELETE', url: '/ok' });
    assertProblem(wrongMethod, 405);
    assert.match(String(wrongMethod.headers.allow), /GET/);
    await app.close();
  });

  test('500 hides internals from the client and logs the exception', async () => {
    const { app, logs } = await createTestApp(healthyDatabase(), {}, testRoutes);
    const response = await app.inject({ method: 'GET', url: '/boom' });
    const body = assertProblem(response, 500);
    assert.equal(body.detail, undefined);
    for (const leak of ['sentinel', 'secret.js', 'Error:', ' at '])
      assert.ok(!response.body.includes(leak), leak);

    const errorLine = logs.find((line) => line.msg === 'request failed');
    assert.ok(errorLine);
    assert.equal(errorLine.level, 'error');
    assert.equal(errorLine['exception.type'], 'Error');
    assert.match(String(errorLine['exception.stacktrace']), /at /);
    const access = logs.find((line) => line['http.response.status_code'] === 500);
    assert.equal(access?.level, 'error');
    await app.close();
  });

  test('Nest HTTP exceptions become problem+json; their message is the detail', async () => {
    const { app } = await createTestApp(healthyDatabase(), {}, testRoutes);
    const body = assertProblem(await app.inject({ method: 'GET', url: '/forbidden' }), 403);
    assert.equal(body.title, 'Forbidden');
    assert.equal(body.detail, 'Only the owner may read this.');
    await app.close();
  });

  test('request ids: a valid inbound id is echoed, anything else replaced by a UUID', async () => {
    const { app, logs } = await createTestApp(healthyDatabase(), {}, testRoutes);
    const echoed = await app.inject({
      method: 'GET',
      url: '/ok',
      headers: { 'x-request-id': 'abc-123' },
    });
    assert.equal(echoed.headers['x-request-id'], 'abc-123');
    assert.ok(
      logs.some((line) => line.request_id === 'abc-123' && line.msg === 'request completed'),
    );

    for (const invalid of ['has space', 'x'.repeat(300), 'a\u0001b']) {
      const response = await app.inject({
        method: 'GET',
        url: '/ok',
        headers: { 'x-request-id': invalid },
      });
      assert.match(String(response.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    }
    await app.close();
  });

  test('body rules: 415 for non-JSON, 400 for malformed JSON, 413 over the limit', async () => {
    const { app } = await createTestApp(healthyDatabase(), { BODY_LIMIT_BYTES: '64' }, testRoutes);
    const post = (payload: string, contentType = 'application/json') =>
      app.inject({
        method: 'POST',
        url: '/echo',
        payload,
        headers: { 'content-type': contentType },
      });

    assertProblem(await post('hello', 'text/plain'), 415);
    assertProblem(await post('{"a":'), 400);
    assertProblem(await post('{"__proto__":{"isAdmin":true}}'), 400);
    const exact = JSON.stringify({ pad: 'x'.repeat(64 - 10) });
    assert.equal(exact.length, 64);
    assert.equal((await post(exact)).statusCode, 200);
    assertProblem(await post(JSON.stringify({ pad: 'x'.repeat(64 - 9) })), 413);
    await app.close();
  });

  test('413 for an oversized chunked body, answered before the client finishes sending', async () => {
    const { app } = await createTestApp(
      healthyDatabase(),
      { BODY_LIMIT_BYTES: '1024' },
      testRoutes,
    );
    const port = await listen(app);
    // 100 chunks of 100 bytes, one every 20 ms: the full upload would take 2 s.
    const chunks = Array.from({ length: 100 }, () => 'x'.repeat(100));
    const started = Date.now();
    const response = await sendChunked(port, '/echo', ['{"pad":"', ...chunks, '"}'], 20);
    assert.equal(response.status, 413);
    assert.match(String(response.headers['content-type']), /problem\+json/);
    assert.ok(Date.now() - started < 1500, 'answered while the body was still arriving');
    await app.close();
  });

  test('handler deadline: REQUEST_TIMEOUT_MS → 504 problem+json and the access log agrees', async () => {
    const { app, logs } = await createTestApp(
      healthyDatabase(),
      { REQUEST_TIMEOUT_MS: '100' },
      testRoutes,
    );
    const response = await app.inject({ method: 'GET', url: '/slow' });
    assertProblem(response, 504);
    assert.ok(
      logs.some((line) => line['http.response.status_code'] === 504 && line.level === 'error'),
    );
    await app.close();
  });

  test('load shedding: requests past MAX_CONCURRENT_REQUESTS get 503 + Retry-After; probes pass', async () => {
    const { app } = await createTestApp(
      healthyDatabase(),
      { MAX_CONCURRENT_REQUESTS: '2', REQUEST_TIMEOUT_MS: '300' },
      testRoutes,
    );
    const slow = [
      app.inject({ method: 'GET', url: '/slow' }),
      app.inject({ method: 'GET', url: '/slow' }),
    ];
    await sleep(50);
    const shed = await app.inject({ method: 'GET', url: '/ok' });
    assertProblem(shed, 503);
    assert.match(String(shed.headers['retry-after']), /^[1-9]\d*$/);
    assert.equal((await app.inject({ method: 'GET', url: '/livez' })).statusCode, 200);
    await Promise.all(slow);
    assert.equal((await app.inject({ method: 'GET', url: '/ok' })).statusCode, 200);
    await app.close();
  });

  test('rate limit: off by default; with RATE_LIMIT_RPM the next request gets 429; probes exempt', async () => {
    const unlimited = await createTestApp(healthyDatabase(), {}, testRoutes);
    for (let i = 0; i < 50; i += 1) {
      assert.equal((await unlimited.app.inject({ method: 'GET', url: '/ok' })).statusCode, 200);
    }
    await unlimited.app.close();

    const { app } = await createTestApp(healthyDatabase(), { RATE_LIMIT_RPM: '3' }, testRoutes);
    for (let i = 0; i < 3; i += 1)
      assert.equal((await app.inject({ method: 'GET', url: '/ok' })).statusCode, 200);
    const limited = await app.inject({ method: 'GET', url: '/ok' });
    assertProblem(limited, 429);
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
    for (let i = 0; i < 5; i += 1)
      assert.equal((await app.inject({ method: 'GET', url: '/livez' })).statusCode, 200);
    await app.close();
  });

  test('CORS: off by default; exact-origin allow-list when configured', async () => {
    const preflight = {
      method: 'OPTIONS' as const,
      url: '/echo',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    };
    const closed = await createTestApp(healthyDatabase(), {}, testRoutes);
    const noCors = await closed.app.inject({
      method: 'GET',
      url: '/ok',
      headers: { origin: 'https://app.example.com' },
    });
    assert.equal(noCors.headers['access-control-allow-origin'], undefined);
    await closed.app.close();

    const { app } = await createTestApp(
      healthyDatabase(),
      { CORS_ALLOWED_ORIGINS: 'https://app.example.com' },
      testRoutes,
    );
    const allowed = await app.inject(preflight);
    assert.equal(allowed.statusCode, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.match(String(allowed.headers.vary), /Origin/);
    assert.match(String(allowed.headers['access-control-allow-methods']), /POST/);
    assert.ok(Number(allowed.headers['access-control-max-age']) <= 7200);
    const evil = await app.inject({
      ...preflight,
      headers: { ...preflight.headers, origin: 'https://evil.example.com' },
    });
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    await app.close();
  });
});
