import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLifecycle } from '../src/platform/lifecycle.ts';
import { gracefulShutdown, type DrainableServer } from '../src/platform/shutdown.ts';
import { capturingLogger } from './support/logs.ts';

// The shutdown sequence itself, against a stand-in server: the same for every HTTP framework.
// test/shutdown.test.ts (per target) drives it with the framework's real server.

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

describe('graceful shutdown sequence', () => {
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
});
