import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { createCache } from '../src/platform/cache/cache.ts';
import { inactiveFeatures } from '../src/platform/features.ts';
import { redisCheck } from '../src/platform/redis/redis-client.ts';
import { countingMetrics, memoryCacheStore } from './support/memory-cache-store.ts';
import { silentLogger } from './support/logs.ts';
import { serveApp } from './support/serve-app.ts';
import type { ServedApp } from './support/served-app.ts';
import { testConfig } from './support/test-app.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

interface Note {
  id: string;
  title: string;
}
interface Page {
  items: Note[];
  nextCursor: string | null;
}

// The notes module with its cache over HTTP (an in-memory store here; cache-redis.test.ts covers
// Redis). serveApp() serves this project's framework, so the test is the same for every target.
describe('notes through the read-through cache', () => {
  let database: TestDatabase;
  let app: ServedApp;
  const store = memoryCacheStore();
  const metrics = countingMetrics();

  before(async () => {
    database = await createTestDatabase();
    const cache = createCache({
      store,
      prefix: 'test',
      ttlSeconds: 60,
      metrics,
      onError: () => {},
    });
    app = await serveApp({
      config: testConfig(),
      db: database.db,
      logger: silentLogger(),
      // The other features' dependencies stay inactive (a project may have several).
      features: {
        ...inactiveFeatures(),
        dependencies: { ...inactiveFeatures().dependencies, cache },
      },
    });
  });
  afterEach(async () => {
    await database.reset();
    // Rows are truncated behind the cache's back: drop the cached first pages too.
    await store.invalidate(['test:notes:first-pages:v1'], 60);
    for (const name of Object.keys(metrics.counts)) delete metrics.counts[name];
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const create = async (title: string) => {
    const response = await fetch(`${app.url}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    assert.equal(response.status, 201);
    return (await response.json()) as Note;
  };
  const get = (path: string) => fetch(`${app.url}${path}`);
  const titles = async (path: string) =>
    ((await (await get(path)).json()) as Page).items.map((note) => note.title);

  test('a note is read from the database once, then from the cache', async () => {
    const note = await create('cached');
    for (let i = 0; i < 5; i += 1) {
      const response = await get(`/notes/${note.id}`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), note);
    }
    assert.deepEqual(metrics.counts, { 'misses notes': 1, 'hits notes': 4 });
  });

  test('an unknown id is a 404 every time, from the cache after the first', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (let i = 0; i < 3; i += 1) {
      const response = await get(`/notes/${id}`);
      await response.arrayBuffer();
      assert.equal(response.status, 404);
    }
    assert.deepEqual(metrics.counts, { 'misses notes': 1, 'hits notes': 2 });
  });

  test('the first page is cached, and a new note shows in it at once', async () => {
    await create('one');
    assert.deepEqual(await titles('/notes?limit=5'), ['one']);
    assert.deepEqual(await titles('/notes?limit=5'), ['one']);
    assert.equal(metrics.counts['hits notes'], 1);

    await create('two');
    assert.deepEqual(await titles('/notes?limit=5'), ['two', 'one']);
  });

  test('deeper pages (with a cursor) are not cached', async () => {
    for (const title of ['a', 'b', 'c']) await create(title);
    const page1 = (await (await get('/notes?limit=2')).json()) as Page;
    const before = { ...metrics.counts };
    const page2 = await get(`/notes?limit=2&cursor=${encodeURIComponent(page1.nextCursor!)}`);
    await page2.arrayBuffer();
    assert.equal(page2.status, 200);
    assert.deepEqual(metrics.counts, before);
  });

  test('reads keep working when Redis fails', async () => {
    const note = await create('resilient');
    store.failWith = new Error('Command timed out');
    try {
      const response = await get(`/notes/${note.id}`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), note);
      assert.equal((await create('written while down')).title, 'written while down');
    } finally {
      store.failWith = undefined;
    }
    // The invalidation Redis missed is sent before the next read from it.
    assert.deepEqual(await titles('/notes?limit=5'), ['written while down', 'resilient']);
  });
});

describe('readiness with the cache', () => {
  test('Redis down: /readyz stays 200 with status warn, and leaks nothing', async () => {
    const database = await createTestDatabase();
    const unreachable = {
      status: 'reconnecting' as const,
      ping: () => Promise.reject(new Error('connect ECONNREFUSED cache.internal:6379')),
    };
    const app = await serveApp({
      config: testConfig(),
      db: database.db,
      logger: silentLogger(),
      features: {
        ...inactiveFeatures(),
        dependencies: {
          ...inactiveFeatures().dependencies,
          cache: createCache({
            store: memoryCacheStore(),
            prefix: 't',
            ttlSeconds: 60,
            metrics: countingMetrics(),
            onError: () => {},
          }),
        },
        readinessChecks: [redisCheck(unreachable, { whenFailing: 'warn' })],
        cleanup: [],
      },
    });
    try {
      const response = await fetch(`${app.url}/readyz`);
      const text = await response.text();
      assert.equal(response.status, 200);
      const body = JSON.parse(text);
      assert.equal(body.status, 'warn');
      assert.equal(body.checks['postgres:connection'][0].status, 'pass');
      assert.equal(body.checks['redis:connection'][0].status, 'warn');
      assert.equal(body.checks['redis:connection'][0].componentType, 'datastore');
      for (const secret of ['cache.internal', 'ECONNREFUSED', ' at ']) {
        assert.ok(!text.includes(secret), `body leaks ${secret}`);
      }
    } finally {
      await app.close();
      await database.close();
    }
  });
});
