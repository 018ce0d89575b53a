import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Body, Controller, Get, Module, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { exceptionFields, scrubSecrets } from '../src/platform/logger.ts';
import { PinoNestLogger } from '../src/platform/nest-logger.ts';
import { healthyDatabase } from './support/fake-database.ts';
import { capturingLogger } from './support/logs.ts';
import { createTestApp } from './support/test-app.ts';

/** Test-only routes standing in for module routes. */
@Controller()
class TestController {
  @Get('items/:id')
  item(@Param('id') id: string) {
    return { id };
  }

  @Post('login')
  login(@Req() request: FastifyRequest, @Body() body: unknown) {
    request.log.debug({ headers: request.headers, body }, 'careless debug line');
    return { ok: true };
  }

  @Get('ok')
  ok() {
    return { ok: true };
  }
}

@Module({ controllers: [TestController] })
class TestRoutes {}

describe('structured logging', () => {
  test('every line has the contract keys; the access log has exactly one line per request', async () => {
    const { app, logs } = await createTestApp(healthyDatabase(), {}, [TestRoutes]);
    await app.inject({
      method: 'GET',
      url: '/items/42?token=sentinel-q-4',
      headers: { 'user-agent': 'tests/1.0', 'x-forwarded-for': '203.0.113.7' },
    });

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
    await app.close();
  });

  test('the client address comes from X-Forwarded-For only behind a trusted proxy', async () => {
    const { app, logs } = await createTestApp(healthyDatabase(), { TRUST_PROXY_HOPS: '1' });
    await app.inject({
      method: 'GET',
      url: '/nope',
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    assert.equal(
      logs.find((line) => 'http.response.status_code' in line)?.['client.address'],
      '203.0.113.7',
    );
    await app.close();
  });

  test('credentials never reach the log, even at debug level', async () => {
    const { app, rawLogs } = await createTestApp(healthyDatabase(), { LOG_LEVEL: 'debug' }, [
      TestRoutes,
    ]);
    await app.inject({
      method: 'POST',
      url: '/login?token=sentinel-q-4',
      headers: {
        authorization: 'Bearer sentinel-auth-1',
        cookie: 'sid=sentinel-cookie-2',
        'x-api-key': 'sentinel-key-3',
        'content-type': 'application/json',
      },
      payload: { password: 'sentinel-body-5' },
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
    await app.close();
  });

  test('LOG_LEVEL=warn drops info lines, including successful access logs', async () => {
    const { app, logs } = await createTestApp(healthyDatabase(), { LOG_LEVEL: 'warn' }, [
      TestRoutes,
    ]);
    await app.inject({ method: 'GET', url: '/ok' });
    assert.equal(logs.filter((line) => line.level === 'info' || line.level === 'debug').length, 0);
    await app.close();
  });

  test("Nest's own messages are lines of the same logger, with the class that wrote them", async () => {
    const { app, logs } = await createTestApp(healthyDatabase());
    const started = logs.find((line) => line.msg === 'Nest application successfully started');
    assert.equal(started?.level, 'info');
    assert.equal(started?.context, 'NestApplication');
    assert.equal(started?.['service.name'], 'test-svc');
    await app.close();

    const { logger, lines } = capturingLogger();
    const nest = new PinoNestLogger(logger);
    nest.error('could not connect', 'Error: refused\n    at connect (db.js:1:1)', 'DatabaseModule');
    nest.warn(new Error('slow start'), 'Bootstrap');
    assert.deepEqual(
      lines.map((line) => [line.level, line.msg, line.context]),
      [
        ['error', 'could not connect', 'DatabaseModule'],
        ['warn', 'slow start', 'Bootstrap'],
      ],
    );
    assert.match(String(lines[0]?.['exception.stacktrace']), /at connect/);
    assert.equal(lines[1]?.['exception.type'], 'Error');
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
