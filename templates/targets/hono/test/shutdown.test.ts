import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { close } from '../src/platform/http/node-server.ts';
import { createLifecycle } from '../src/platform/lifecycle.ts';
import { gracefulShutdown, type DrainableServer } from '../src/platform/shutdown.ts';
import { healthyDatabase } from './support/fake-database.ts';
import { serve } from './support/http.ts';
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
    const { app, config, lifecycle, inFlightRequests } = createTestApp(
      healthyDatabase(),
      {},
      (scope) => {
        scope.get('/work', async (c) => {
          await sleep(300);
          return c.json({ done: true });
        });
      },
    );
    const { server, port } = await serve(app, config);
    const inFlight = new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/work' }, (response) => {
          response.resume();
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
          );
        })
          .on('error', reject)
          .end();
      },
    );
    await sleep(50);
    assert.equal(inFlightRequests(), 1);
    const { logger } = capturingLogger();
    const shutdown = gracefulShutdown(
      {
        delayMs: 100,
        timeoutMs: 5000,
        lifecycle,
        server: {
          close: () => close(server),
          closeAllConnections: () => server.closeAllConnections(),
          inFlightRequests,
        },
        logger,
        cleanup: [],
      },
      'SIGTERM',
    );
    assert.deepEqual(await inFlight, { status: 200, connection: 'close' });
    assert.deepEqual(await shutdown, { forced: false });
  });
});
