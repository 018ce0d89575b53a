import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { localFanOut, redisFanOut } from '../src/platform/realtime/fan-out.ts';
import { createRealtimeHub, type RealtimeHub } from '../src/platform/realtime/hub.ts';
import { closeRedisClient, createRedisClient } from '../src/platform/redis/redis-client.ts';
import { loadRedisConfig } from '../src/platform/redis/redis-config.ts';
import { countingRealtimeMetrics, fakeConnection } from './support/fake-connection.ts';
import { silentLogger } from './support/logs.ts';
import { ready, testRedisUrl } from './support/test-redis.ts';

// Runs against a real Redis when TEST_REDIS_URL is set (CI starts one); skipped otherwise.
const url = testRedisUrl;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe(
  'real-time fan-out on a real Redis',
  { skip: url === undefined && 'TEST_REDIS_URL is not set' },
  () => {
    // Channels of this run have their own prefix: the Redis may be shared.
    const prefix = `test-${randomBytes(6).toString('hex')}:realtime:`;
    const clients: Redis[] = [];
    // Two hubs stand for two replicas, each with its own publish and subscribe connections.
    const replicas: RealtimeHub[] = [];

    before(async () => {
      const config = loadRedisConfig({ REDIS_URL: url }, 'test');
      for (let i = 0; i < 2; i += 1) {
        const [publisher, subscriber] = ['publish', 'subscribe'].map((role) =>
          createRedisClient(
            { ...config, url: url! },
            { connectionName: `realtime-test-${role}`, logger: silentLogger(), onError: () => {} },
          ),
        ) as [Redis, Redis];
        clients.push(publisher, subscriber);
        replicas.push(
          createRealtimeHub({
            fanOut: redisFanOut(publisher, subscriber, prefix),
            metrics: countingRealtimeMetrics(),
            logger: silentLogger(),
            sendBufferLimitBytes: 1_000_000,
            heartbeatIntervalMs: 60_000,
            maxConnections: 100,
            closeTimeoutMs: 100,
          }),
        );
      }
      for (const client of clients) await ready(client, 10_000);
      // The pattern subscriptions are sent on 'ready': publish until both replicas hear.
      const probes = replicas.map((hub) => {
        const connection = fakeConnection(['probe']);
        hub.attach(connection);
        return { connection, channel: hub.channel('probe') };
      });
      while (probes.some(({ connection }) => connection.received.length === 0)) {
        await probes[0]!.channel.publish('ready?');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });

    after(async () => {
      // Closed whatever happened, or reconnection timers would keep this process alive.
      await Promise.all(replicas.map((hub) => hub.closeAll()));
      await Promise.all(clients.map(closeRedisClient));
    });

    test('two replicas deliver each other’s messages, in one order for every client', async () => {
      const [a, b] = replicas as [RealtimeHub, RealtimeHub];
      const onA = a.channel('notes');
      const onB = b.channel('notes');
      const clientOfA = fakeConnection(['notes']);
      const clientOfB = fakeConnection(['notes'], { transport: 'sse' });
      a.attach(clientOfA);
      b.attach(clientOfB);

      const sent: number[] = [];
      for (let i = 0; i < 200; i += 1) {
        sent.push(i);
        await (i % 2 === 0 ? onA : onB).publish({ i });
      }
      await until(() => clientOfA.received.length === 200 && clientOfB.received.length === 200);
      const order = (connection: typeof clientOfA) =>
        connection.received.map((message) => (JSON.parse(message.json) as { i: number }).i);
      assert.deepEqual(order(clientOfA), sent);
      assert.deepEqual(order(clientOfB), sent);
    });

    test('publishing rejects when Redis is unreachable, so an event handler retries it', async () => {
      const config = loadRedisConfig({ REDIS_URL: 'redis://127.0.0.1:1' }, 'test');
      const down = createRedisClient(
        { ...config, url: 'redis://127.0.0.1:1' },
        { connectionName: 'realtime-test-down', logger: silentLogger(), onError: () => {} },
      );
      try {
        const hub = createRealtimeHub({
          fanOut: redisFanOut(down, down, prefix),
          metrics: countingRealtimeMetrics(),
          logger: silentLogger(),
          sendBufferLimitBytes: 1000,
          heartbeatIntervalMs: 60_000,
          maxConnections: 1,
          closeTimeoutMs: 10,
        });
        await assert.rejects(hub.channel('notes').publish({ lost: false }));
      } finally {
        down.disconnect();
      }
    });
  },
);

test('without Redis, publishing delivers in this process', async () => {
  const hub = createRealtimeHub({
    fanOut: localFanOut(),
    metrics: countingRealtimeMetrics(),
    logger: silentLogger(),
    sendBufferLimitBytes: 1000,
    heartbeatIntervalMs: 60_000,
    maxConnections: 1,
    closeTimeoutMs: 10,
  });
  const client = fakeConnection(['notes']);
  hub.attach(client);
  await hub.channel('notes').publish('hello');
  assert.deepEqual(
    client.received.map(({ channel, json }) => ({ channel, json })),
    [{ channel: 'notes', json: '"hello"' }],
  );
});
