import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import {
  createCache,
  disabledCache,
  throttledWarning,
  type CacheProvider,
} from '../src/platform/cache/cache.ts';
import { loadCacheConfig } from '../src/platform/cache/cache-config.ts';
import {
  closeRedisClient,
  createRedisClient,
  redisCheck,
} from '../src/platform/redis/redis-client.ts';
import { loadRedisConfig } from '../src/platform/redis/redis-config.ts';
import { createRedisStore } from '../src/platform/cache/redis-store.ts';
import { ConfigError } from '../src/platform/config.ts';
import { runCheck } from '../src/platform/health/health-report.ts';
import { capturingLogger, silentLogger } from './support/logs.ts';
import { countingMetrics, memoryCacheStore } from './support/memory-cache-store.ts';

/** A promise and its resolve function: a load the test finishes when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function setup({ ttlSeconds = 60 } = {}) {
  let time = 1_000_000;
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
  const store = memoryCacheStore(clock.now);
  const metrics = countingMetrics();
  const errors: string[] = [];
  const provider = createCache({
    store,
    prefix: 'svc:cache',
    ttlSeconds,
    metrics,
    onError: (_error, operation) => errors.push(operation),
    now: clock.now,
  });
  return { store, metrics, errors, clock, provider, notes: provider.forModule('notes') };
}

/** A loader that counts its calls and returns `value()`. */
function countingLoader<T>(value: () => T) {
  const loader = async () => {
    loader.calls += 1;
    return value();
  };
  loader.calls = 0;
  return loader;
}

describe('read-through cache', () => {
  test('a miss loads and stores the value; the next read is a hit', async () => {
    const { notes, metrics, store } = setup();
    const load = countingLoader(() => ({ title: 'a' }));
    assert.deepEqual(await notes.getOrLoad('note:1', load), { title: 'a' });
    assert.deepEqual(await notes.getOrLoad('note:1', load), { title: 'a' });
    assert.equal(load.calls, 1);
    assert.deepEqual(metrics.counts, { 'misses notes': 1, 'hits notes': 1 });
    assert.equal(store.peek('svc:cache:notes:note:1'), '{"title":"a"}');
  });

  test('keys are namespaced by module', async () => {
    const { provider } = setup();
    await provider.forModule('notes').getOrLoad('k', async () => 'notes');
    assert.equal(await provider.forModule('orders').getOrLoad('k', async () => 'orders'), 'orders');
  });

  test('"not found" (undefined) is cached and read back as undefined', async () => {
    const { notes } = setup();
    const load = countingLoader(() => undefined);
    assert.equal(await notes.getOrLoad('note:missing', load), undefined);
    assert.equal(await notes.getOrLoad('note:missing', load), undefined);
    assert.equal(load.calls, 1);
  });

  test('concurrent misses for one entry share one load (single flight)', async () => {
    const { notes, metrics } = setup();
    const row = deferred<string>();
    let calls = 0;
    const loader = () => {
      calls += 1;
      return row.promise;
    };
    const readers = Array.from({ length: 50 }, () => notes.getOrLoad('hot', loader));
    await new Promise((resolve) => setImmediate(resolve));
    row.resolve('value');
    assert.deepEqual(await Promise.all(readers), Array(50).fill('value'));
    assert.equal(calls, 1);
    assert.deepEqual(metrics.counts, { 'misses notes': 1 });
    // Other variants of the same key are loaded separately.
    assert.equal(await notes.getOrLoad('hot', async () => 'page 2', { variant: '2' }), 'page 2');
  });

  test('entries expire after their TTL', async () => {
    const { notes, clock } = setup({ ttlSeconds: 60 });
    let loads = 0;
    const load = async () => loads++;
    assert.equal(await notes.getOrLoad('k', load), 0);
    clock.advance(59_000);
    assert.equal(await notes.getOrLoad('k', load), 0);
    clock.advance(1_000);
    assert.equal(await notes.getOrLoad('k', load), 1);
    // A per-read TTL shorter than the default.
    assert.equal(await notes.getOrLoad('short', load, { ttlSeconds: 1 }), 2);
    clock.advance(1_000);
    assert.equal(await notes.getOrLoad('short', load, { ttlSeconds: 1 }), 3);
  });

  test('invalidate drops every variant of a key; the next reads load again', async () => {
    const { notes } = setup();
    let version = 1;
    const read = (variant: string) =>
      notes.getOrLoad('list', async () => `v${version} ${variant}`, { variant });
    assert.equal(await read('10'), 'v1 10');
    assert.equal(await read('20'), 'v1 20');
    version = 2;
    assert.equal(await read('10'), 'v1 10', 'cached until invalidated');
    await notes.invalidate(['list']);
    assert.equal(await read('10'), 'v2 10');
    assert.equal(await read('20'), 'v2 20');
  });

  test('a load overlapping an invalidation is returned but not stored, and later readers do not join it', async () => {
    const { notes, store } = setup();
    const oldRow = deferred<string>();
    const before = notes.getOrLoad('note:1', () => oldRow.promise);
    await new Promise((resolve) => setImmediate(resolve));
    // The write commits and invalidates while the read above is still loading the old row.
    await notes.invalidate(['note:1']);
    const after = notes.getOrLoad('note:1', async () => 'new');
    oldRow.resolve('old');
    assert.equal(await before, 'old');
    assert.equal(await after, 'new', 'a read that starts after the write sees the write');
    assert.equal(store.peek('svc:cache:notes:note:1'), '"new"');
    assert.equal(await notes.getOrLoad('note:1', async () => 'unused'), 'new');
  });

  test("another replica's invalidation during a load wins (invalidation token)", async () => {
    const { store, metrics, clock } = setup();
    const options = { store, prefix: 'svc:cache', ttlSeconds: 60, metrics, now: clock.now };
    const replicaA = createCache({ ...options, onError: () => {} }).forModule('notes');
    const replicaB = createCache({ ...options, onError: () => {} }).forModule('notes');
    const oldRow = deferred<string>();
    const loading = replicaA.getOrLoad('note:1', () => oldRow.promise);
    await new Promise((resolve) => setImmediate(resolve));
    await replicaB.invalidate(['note:1']);
    oldRow.resolve('old');
    assert.equal(await loading, 'old');
    assert.equal(store.peek('svc:cache:notes:note:1'), undefined, 'the old row was not stored');
    assert.equal(await replicaA.getOrLoad('note:1', async () => 'new'), 'new');
  });

  test('a caller that gives up does not fail the others waiting for the same load', async () => {
    const { notes } = setup();
    const row = deferred<string>();
    const controller = new AbortController();
    const impatient = notes.getOrLoad('k', () => row.promise, { signal: controller.signal });
    const patient = notes.getOrLoad('k', () => row.promise);
    controller.abort(new Error('deadline'));
    await assert.rejects(impatient, /deadline/);
    row.resolve('value');
    assert.equal(await patient, 'value');
  });

  test('a failing load reaches every waiting caller and is not cached', async () => {
    const { notes } = setup();
    let fail = true;
    const loader = async () => {
      if (fail) throw new Error('database down');
      return 'value';
    };
    const results = await Promise.allSettled([
      notes.getOrLoad('k', loader),
      notes.getOrLoad('k', loader),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    fail = false;
    assert.equal(await notes.getOrLoad('k', loader), 'value');
  });

  test('an unreadable entry counts as an error and a miss, and is replaced', async () => {
    const { notes, store, metrics } = setup();
    store.plant('svc:cache:notes:k', '', '{not json');
    assert.equal(await notes.getOrLoad('k', async () => 'fresh'), 'fresh');
    assert.equal(store.peek('svc:cache:notes:k'), '"fresh"');
    assert.deepEqual(metrics.counts, { 'errors notes decode': 1, 'misses notes': 1 });
  });
});

describe('read-through cache when Redis fails', () => {
  test('errors: the value comes from the loader, every error is counted, none is thrown', async () => {
    const { notes, store, metrics, errors } = setup();
    store.failWith = new Error('Command timed out');
    const load = countingLoader(() => 'from the database');
    for (let i = 0; i < 5; i += 1) {
      assert.equal(await notes.getOrLoad('k', load), 'from the database');
    }
    await notes.invalidate(['k']);
    assert.equal(load.calls, 5);
    assert.deepEqual(metrics.counts, { 'errors notes read': 5, 'errors notes invalidate': 1 });
    assert.deepEqual(errors, ['read', 'read', 'read', 'read', 'read', 'invalidate']);
  });

  test('disconnected: the store is not asked at all (no waiting), errors are counted', async () => {
    const { notes, store, metrics } = setup();
    store.available = false;
    assert.equal(await notes.getOrLoad('k', async () => 'db'), 'db');
    assert.deepEqual(store.operations, []);
    assert.deepEqual(metrics.counts, { 'errors notes read': 1 });
  });

  test('an invalidation Redis missed is sent again before this process reads from Redis', async () => {
    const { notes, store } = setup();
    await notes.getOrLoad('note:1', async () => 'old');
    store.available = false;
    await notes.invalidate(['note:1']);
    // Redis comes back still holding the old entry (a network partition, not a restart).
    store.available = true;
    assert.equal(await notes.getOrLoad('note:1', async () => 'new'), 'new');
    assert.deepEqual(store.operations.slice(-3), [
      'invalidate svc:cache:notes:note:1',
      'read svc:cache:notes:note:1',
      'write svc:cache:notes:note:1',
    ]);
  });

  test('recovers by itself: reads hit again once Redis answers', async () => {
    const { notes, store, metrics } = setup();
    store.failWith = new Error('connection refused');
    await notes.getOrLoad('k', async () => 'db');
    store.failWith = undefined;
    await notes.getOrLoad('k', async () => 'db');
    await notes.getOrLoad('k', async () => 'db');
    assert.equal(metrics.counts['hits notes'], 1);
  });

  test('logs the first error, then at most one line per interval with the count left out', () => {
    const { logger, lines } = capturingLogger('info');
    let time = 0;
    const warn = throttledWarning(logger, 'cache unavailable', 30_000, () => time);
    for (let i = 0; i < 100; i += 1) warn(new Error('ECONNREFUSED'));
    time = 30_000;
    warn(new Error('ECONNREFUSED'));
    assert.deepEqual(
      lines.map((line) => [line.level, line.msg, line.suppressed_errors]),
      [
        ['warn', 'cache unavailable', 0],
        ['warn', 'cache unavailable', 99],
      ],
    );
  });

  test('an unreachable Redis: reads answer from the loader at once, readiness warns', async () => {
    // A port nothing listens on: connections are refused, as when Redis is down.
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));

    const config = loadRedisConfig({ REDIS_URL: `redis://127.0.0.1:${port}` }, 'production');
    const client = createRedisClient(
      { ...config, url: `redis://127.0.0.1:${port}` },
      { connectionName: 'test', logger: silentLogger(), onError: () => {} },
    );
    try {
      const cache = createCache({
        store: createRedisStore(client),
        prefix: 'test',
        ttlSeconds: 60,
        metrics: countingMetrics(),
        onError: () => {},
      }).forModule('notes');
      const started = performance.now();
      for (let i = 0; i < 20; i += 1) {
        assert.equal(await cache.getOrLoad('k', async () => 'db'), 'db');
      }
      await cache.invalidate(['k']);
      assert.ok(performance.now() - started < 500, 'no read waited for Redis');
      const check = await runCheck(redisCheck(client, { whenFailing: 'warn' }), 1000);
      assert.equal(check.status, 'warn');
      assert.equal(check.output, 'check failed');
    } finally {
      await closeRedisClient(client);
    }
  });
});

describe('cache configuration', () => {
  test('CACHE_TTL_SECONDS: a default, and a bad value named, never echoed', () => {
    assert.deepEqual(loadCacheConfig({}), { ttlSeconds: 60 });
    assert.deepEqual(loadCacheConfig({ CACHE_TTL_SECONDS: '300' }), { ttlSeconds: 300 });
    assert.throws(
      () => loadCacheConfig({ CACHE_TTL_SECONDS: '0' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.issues.length === 1 &&
        error.issues[0]!.startsWith('CACHE_TTL_SECONDS '),
    );
  });

  test('the disabled cache only calls the loader, with the caller signal', async () => {
    const cache: CacheProvider = disabledCache();
    const signal = AbortSignal.timeout(1000);
    let received: AbortSignal | undefined;
    const value = await cache.forModule('notes').getOrLoad(
      'k',
      async (s) => {
        received = s;
        return 1;
      },
      { signal },
    );
    assert.equal(value, 1);
    assert.equal(received, signal);
    await cache.forModule('notes').invalidate(['k']);
  });
});
