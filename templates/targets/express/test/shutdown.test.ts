import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { gracefulShutdown } from '../src/platform/shutdown.ts';
import { healthyDatabase } from './support/fake-database.ts';
import { capturingLogger } from './support/logs.ts';
import { createTestApp } from './support/test-app.ts';

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
