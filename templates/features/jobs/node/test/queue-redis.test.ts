import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import {
  createBullmqQueue,
  createBullmqWorker,
  jobIdFor,
  QUEUE_NAME,
  type QueueSettings,
  type QueueWorker,
} from '../src/platform/queue/bullmq-queue.ts';
import { UnavailableError } from '../src/platform/errors.ts';
import { defineJob, jobRegistry } from '../src/platform/queue/job-queue.ts';
import { loadQueueConfig } from '../src/platform/queue/queue-config.ts';
import { createQueueConnection } from '../src/platform/queue/queue-connection.ts';
import { noQueueMetrics } from '../src/platform/queue/queue-metrics.ts';
import { loadRedisConfig } from '../src/platform/redis/redis-config.ts';
import { silentLogger } from './support/logs.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

// Runs against a real Redis when TEST_REDIS_URL is set (CI starts one); skipped otherwise.
const url = process.env.TEST_REDIS_URL || undefined;

async function until(what: string, ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await ok()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`${what} did not happen`);
}

describe(
  'job queue on a real Redis',
  { skip: url === undefined && 'TEST_REDIS_URL is not set' },
  () => {
    // Every key of this run starts with its own prefix, removed afterwards: the Redis may be shared.
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const registry = jobRegistry();
    const settings: QueueSettings = {
      prefix,
      config: loadQueueConfig({ JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '1' }),
      metrics: noQueueMetrics,
    };
    let database: TestDatabase;
    let producer: Redis;
    let consumer: Redis;
    let queue: ReturnType<typeof createBullmqQueue>;
    /** To look at jobs' states, as an operator would. */
    let inspect: Queue;
    let worker: QueueWorker;
    const runs = new Map<string, number>();
    let release: (() => void) | undefined;
    let poisonedRuns = 0;

    const counted = defineJob<{ key: string }>({
      name: 'test.counted',
      timeoutMs: 5000,
      async run({ key }, job) {
        runs.set(key, (runs.get(key) ?? 0) + 1);
        await job.once((tx) => tx.query('INSERT INTO test_queue_effects (key) VALUES ($1)', [key]));
      },
    });
    const poisoned = defineJob<object>({
      name: 'test.poisoned',
      timeoutMs: 5000,
      async run() {
        poisonedRuns += 1;
        throw new Error('poisoned payload');
      },
    });
    const blocking = defineJob<object>({
      name: 'test.blocking',
      timeoutMs: 60_000,
      async run(_payload, job) {
        await new Promise<void>((resolve, reject) => {
          release = resolve;
          job.signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
        });
      },
    });

    before(async () => {
      database = await createTestDatabase();
      await database.db.exec('CREATE TABLE IF NOT EXISTS test_queue_effects (key text NOT NULL)');
      const config = { ...loadRedisConfig({ REDIS_URL: url }, 'test'), url: url! };
      producer = createQueueConnection(config, 'producer', 'queue-test');
      consumer = createQueueConnection(config, 'worker', 'queue-test');
      queue = createBullmqQueue(producer, registry, settings);
      // The producer never queues commands while disconnected: enqueueing fails until it is ready.
      if (producer.status !== 'ready') {
        await assert.rejects(
          queue.enqueue(counted, { key: 'early' }, { idempotencyKey: 'early' }),
          (error) =>
            error instanceof UnavailableError && /has not connected/.test(String(error.cause)),
        );
        await once(producer, 'ready');
      }
      inspect = new Queue(QUEUE_NAME, { connection: consumer, prefix });
      for (const job of [counted, poisoned, blocking]) queue.register(job);
      worker = createBullmqWorker(consumer, registry, settings, {
        db: database.db,
        logger: silentLogger(),
      });
      worker.start();
    });

    after(async () => {
      await worker.stop(1000);
      const keys = await producer.keys(`${prefix}:*`);
      if (keys.length > 0) await producer.del(...keys);
      await queue.close();
      await inspect.close();
      producer.disconnect();
      consumer.disconnect();
      await database.db.exec('DROP TABLE test_queue_effects');
      await database.close();
    });

    test('runs an enqueued job once per idempotency key, effect included', async () => {
      const first = await queue.enqueue(counted, { key: 'a' }, { idempotencyKey: 'a' });
      const again = await queue.enqueue(counted, { key: 'a' }, { idempotencyKey: 'a' });
      assert.equal(first.id, again.id);
      assert.equal(first.id, jobIdFor('test.counted', 'a'));
      await until(
        'job a completed',
        async () => (await inspect.getJob(first.id))?.finishedOn !== undefined,
      );
      assert.equal(runs.get('a'), 1);
      const { rows } = await database.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM test_queue_effects',
      );
      assert.equal(rows[0]!.n, 1);
    });

    test('a job that always fails is a dead letter after its attempts', async () => {
      const { id } = await queue.enqueue(poisoned, {}, { idempotencyKey: 'poison-1' });
      await until('dead letter', async () =>
        (await worker.deadLetters(10)).some((l) => l.id === id),
      );
      const letter = (await worker.deadLetters(10)).find((l) => l.id === id)!;
      assert.deepEqual(
        {
          name: letter.name,
          attempts: letter.attempts,
          reason: letter.reason,
          key: letter.idempotencyKey,
        },
        { name: 'test.poisoned', attempts: 3, reason: 'poisoned payload', key: 'poison-1' },
      );
      assert.equal(poisonedRuns, 3);
      // Retried, it gets a fresh set of attempts, and is a dead letter again after them.
      assert.equal(await worker.retry(id), true);
      await until('three more runs', async () => poisonedRuns === 6);
      await until('a dead letter again', async () =>
        (await worker.deadLetters(10)).some((l) => l.id === id),
      );
      assert.equal(await worker.retry('no-such-job'), false);
    });

    test('stopping hands a running job back to the queue without using an attempt', async () => {
      const { id } = await queue.enqueue(blocking, {}, { idempotencyKey: 'b' });
      await until('job b running', async () => release !== undefined);
      await worker.stop(100);
      const job = await inspect.getJob(id);
      assert.equal(await job?.getState(), 'waiting');
      assert.equal(job?.attemptsMade, 0);
    });
  },
);
