import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { Controller, Get, Module } from '@nestjs/common';
import { gracefulShutdown } from '../src/platform/shutdown.ts';
import { healthyDatabase } from './support/fake-database.ts';
import { listen } from './support/http.ts';
import { capturingLogger } from './support/logs.ts';
import { createTestApp } from './support/test-app.ts';

@Controller()
class WorkController {
  @Get('work')
  async work() {
    await sleep(300);
    return { done: true };
  }
}

@Module({ controllers: [WorkController] })
class WorkRoutes {}

describe('graceful shutdown', () => {
  test('a real server finishes in-flight requests, marked Connection: close, before closing', async () => {
    const { app, lifecycle } = await createTestApp(healthyDatabase(), {}, [WorkRoutes]);
    const fastify = app.getHttpAdapter().getInstance();
    const port = await listen(app);
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
    const { logger } = capturingLogger();
    const shutdown = gracefulShutdown(
      {
        delayMs: 100,
        timeoutMs: 5000,
        lifecycle,
        server: {
          close: () => app.close(),
          closeAllConnections: () => fastify.server.closeAllConnections(),
          inFlightRequests: () => fastify.inFlightRequests(),
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
