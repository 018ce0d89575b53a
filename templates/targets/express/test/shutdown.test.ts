import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { createLifecycle } from '../src/platform/lifecycle.ts';
import { gracefulShutdown, type DrainableServer } from '../src/platform/shutdown.ts';
import { healthyDatabase } from './support/fake-database.ts';
import { capturingLogger } from './support/logs.ts';
import { createTestApp } from './support/test-app.ts';

function fakeServer(close: () => Promise<void>, inFlight = 0) {
  const calls: string[] = [];
  const server: DrainableServer = {
    close: () => {
      calls.push('close');
      return close();
    },
    closeAllConnections: () => calls.push('closeAllConnections'),
    inFlightRequests: () => inFlight,
  };
  return { server, calls };
}

/** A GET on its own connection; resolves with the status and Connection header. */
function get(port: number, path: string) {
  return new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('graceful shutdown', () => {
  test('flips readiness, waits, drains, then cleans up in order', async () => {
    const lifecycle = createLifecycle();
    const { logger, lines } = capturingLogger();
    const phases: string[] = [];
    const { server, calls } = fakeServer(async () => {
      phases.push(`close during ${lifecycle.phase}`);
    });
    const order: string[] = [];
    const result = await gracefulShutdown(
      {
        delayMs: 20,
        timeoutMs: 1000,
        lifecycle,
        server,
        logger,
        cleanup: [
          { name: 'database', run: async () => order.push('database'), timeoutMs: 100 },
          { name: 'telemetry', run: async () => order.push('telemetry'), timeoutMs: 100 },
        ],
      },
      'SIGTERM',
    );
    assert.deepEqual(result, { forced: false });
    assert.deepEqual(phases, ['close during closing']);
    assert.deepEqual(calls, ['close']);
    assert.deepEqual(order, ['database', 'telemetry']);
    assert.deepEqual(
      lines.map((line) => line.msg),
      ['shutdown started', 'shutdown complete'],
    );
  });

  test('aborts requests still running after the drain timeout and says how many', async () => {
    const { logger, lines } = capturingLogger();
    const { server, calls } = fakeServer(() => new Promise(() => undefined), 3);
    const result = await gracefulShutdown(
      { delayMs: 0, timeoutMs: 50, lifecycle: createLifecycle(), server, logger, cleanup: [] },
      'SIGTERM',
    );
    assert.deepEqual(result, { forced: true });
    assert.deepEqual(calls, ['close', 'closeAllConnections']);
    const warning = lines.find((line) => line.level === 'warn');
    assert.equal(warning?.aborted_requests, 3);
    assert.match(String(warning?.msg), /forced shutdown/);
  });

  test('a cleanup step that hangs does not block the exit', async () => {
    const { logger, lines } = capturingLogger();
    const { server } = fakeServer(async () => undefined);
    await gracefulShutdown(
      {
        delayMs: 0,
        timeoutMs: 50,
        lifecycle: createLifecycle(),
        server,
        logger,
        cleanup: [{ name: 'database', run: () => new Promise(() => undefined), timeoutMs: 30 }],
      },
      'SIGTERM',
    );
    assert.ok(
      lines.some((line) => line.msg === 'shutdown step timed out' && line.step === 'database'),
    );
  });

  test('a real server finishes in-flight requests, marked Connection: close, before closing', async () => {
    const testApp = await createTestApp(healthyDatabase(), {}, (router) => {
      router.get('/work', async (_req, res) => {
        await sleep(300);
        res.json({ done: true });
      });
    });
    const inFlight = get(testApp.port, '/work');
    await sleep(50);
    assert.equal(testApp.http.inFlightRequests(), 1);
    const { logger } = capturingLogger();
    const shutdown = gracefulShutdown(
      {
        delayMs: 100,
        timeoutMs: 5000,
        lifecycle: testApp.lifecycle,
        server: testApp.http,
        logger,
        cleanup: [],
      },
      'SIGTERM',
    );
    assert.deepEqual(await inFlight, { status: 200, connection: 'close' });
    assert.deepEqual(await shutdown, { forced: false });
    assert.equal(testApp.http.server.listening, false);
  });

  test('once the listener is closed, requests on open connections get 503 + Connection: close', async () => {
    const testApp = await createTestApp(healthyDatabase(), {}, (router) => {
      router.get('/work', async (_req, res) => {
        await sleep(300);
        res.json({ done: true });
      });
    });
    testApp.lifecycle.startClosing();
    const refused = await testApp.request('/work');
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.connection, 'close');
    assert.match(String(refused.headers['retry-after']), /^[1-9]\d*$/);
    // Probes still answer: /readyz says why.
    assert.equal((await testApp.request('/readyz')).status, 503);
    await testApp.close();
  });
});
