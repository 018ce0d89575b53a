import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createPostgresDeadLetterStore } from '../src/platform/events/dead-letters.ts';
import { createEventBus, type EventBus } from '../src/platform/events/event-bus.ts';
import { inactiveFeatures } from '../src/platform/features.ts';
import { createInProcessQueue } from '../src/platform/queue/in-process-queue.ts';
import { jobRegistry } from '../src/platform/queue/job-queue.ts';
import { noQueueMetrics } from '../src/platform/queue/queue-metrics.ts';
import { wordStatistics } from '../src/modules/notes/jobs/count-words.ts';
import { silentLogger } from './support/logs.ts';
import { testConfig } from './support/test-app.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

// The notes module with its queue job (the in-process queue here; queue-redis.test.ts covers Redis).
describe('notes with the count-words job', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let events: EventBus;
  let worker: ReturnType<ReturnType<typeof createInProcessQueue>['worker']>;

  before(async () => {
    database = await createTestDatabase();
    const logger = silentLogger();
    const local = createInProcessQueue({
      registry: jobRegistry(),
      metrics: noQueueMetrics,
      attempts: 3,
      backoffMs: 1,
    });
    events = createEventBus({ logger, deadLetters: createPostgresDeadLetterStore(database.db) });
    const features = inactiveFeatures();
    app = await buildApp({
      config: testConfig(),
      db: database.db,
      logger,
      events,
      features: { ...features, dependencies: { ...features.dependencies, queue: local.queue } },
    });
    await app.ready();
    worker = local.worker(database.db, silentLogger());
    worker.start();
  });
  afterEach(() => database.reset());
  after(async () => {
    await worker.stop(1000);
    await app.close();
    await database.close();
  });

  test('creating a note counts its words in the background, once', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/notes',
      payload: { title: 'Queue', body: 'the worker counts the words, the words once' },
    });
    assert.equal(created.statusCode, 201);
    const { id } = created.json<{ id: string }>();
    await events.drain(1000);
    await worker.idle();
    const { rows } = await database.db.query<{ words: number; top_words: string[] }>(
      'SELECT words, top_words FROM note_word_counts WHERE note_id = $1',
      [id],
    );
    assert.deepEqual(rows, [{ words: 9, top_words: ['the', 'words', 'counts', 'once', 'queue'] }]);
    assert.deepEqual(await worker.deadLetters(10), []);
  });

  test('word statistics: letters and digits, case-insensitive, most frequent first', () => {
    assert.deepEqual(wordStatistics('B a b, A2 c! b', 2), { words: 6, topWords: ['b', 'a'] });
    assert.deepEqual(wordStatistics('  ...  '), { words: 0, topWords: [] });
  });
});
