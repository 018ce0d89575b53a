import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { createCache } from '../src/platform/cache/cache.ts';
import {
  closeRedisClient,
  createRedisClient,
  redisCheck,
} from '../src/platform/redis/redis-client.ts';
import { loadRedisConfig } from '../src/platform/redis/redis-config.ts';
import { createRedisStore } from '../src/platform/cache/redis-store.ts';
import { runCheck } from '../src/platform/health/health-report.ts';
import { silentLogger } from './support/logs.ts';
import { ready, testRedisUrl } from './support/test-redis.ts';
import { countingMetrics } from './support/memory-cache-store.ts';

// Runs against a real Redis when TEST_REDIS_URL is set (CI starts one); skipped otherwise.
const url = testRedisUrl;

describe(
  'cache on a real Redis',
  { skip: url === undefined && 'TEST_REDIS_URL is not set' },
  () => {
    // Every key of this run starts with its own prefix, removed afterwards: the Redis may be shared.
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    let client: Redis;

    before(async () => {
      const config = loadRedisConfig({ REDIS_URL: url }, 'test');
      client = createRedisClient(
        { ...config, url: url! },
        { connectionName: 'cache-test', logger: silentLogger(), onError: () => {} },
      );
      await ready(client, 10_000);
    });

    after(async () => {
      // Closed whatever happened, or its reconnection timers would keep this process alive.
      try {
        if (client.status === 'ready') {
          const keys = await client.keys(`${prefix}:*`);
          if (keys.length > 0) await client.del(...keys);
        }
      } finally {
        await closeRedisClient(client);
      }
    });

    test('stores with a TTL, hits, and invalidates every variant', async () => {
      const metrics = countingMetrics();
      const cache = createCache({
        store: createRedisStore(client),
        prefix,
        ttlSeconds: 30,
        metrics,
        onError: (error) => assert.fail(error as Error),
      }).forModule('notes');
      let version = 1;
      const read = (variant: string) =>
        cache.getOrLoad('list', async () => ({ version, variant }), { variant });
      assert.deepEqual(await read('10'), { version: 1, variant: '10' });
      assert.deepEqual(await read('20'), { version: 1, variant: '20' });
      version = 2;
      assert.deepEqual(await read('10'), { version: 1, variant: '10' });
      const ttl = await client.ttl(`${prefix}:notes:list`);
      assert.ok(ttl > 0 && ttl <= 30, `TTL ${ttl}`);

      await cache.invalidate(['list']);
      assert.deepEqual(await read('10'), { version: 2, variant: '10' });
      assert.deepEqual(await read('20'), { version: 2, variant: '20' });
      assert.deepEqual(metrics.counts, { 'misses notes': 4, 'hits notes': 1 });
    });

    test('a write with the token of a read made before an invalidation is not stored', async () => {
      const store = createRedisStore(client);
      const key = `${prefix}:race`;
      const seen = await store.read(key, '');
      await store.invalidate([key], 30);
      await store.write(key, '', '"stale"', seen.token, 30);
      assert.equal((await store.read(key, '')).value, undefined);

      const fresh = await store.read(key, '');
      await store.write(key, '', '"fresh"', fresh.token, 30);
      assert.equal((await store.read(key, '')).value, '"fresh"');
    });

    test('readiness passes while connected', async () => {
      const check = await runCheck(redisCheck(client, { whenFailing: 'warn' }), 1000);
      assert.equal(check.status, 'pass');
    });
  },
);
