import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { createInProcessQueue } from '../src/platform/queue/in-process-queue.ts';
import {
  defineJob,
  jobRegistry,
  PermanentJobError,
  retryDelayMs,
} from '../src/platform/queue/job-queue.ts';
import { noQueueMetrics } from '../src/platform/queue/queue-metrics.ts';
import { contextFromCarrier, currentTraceCarrier } from '../src/platform/queue/trace-context.ts';
import { silentLogger } from './support/logs.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

function setup(attempts = 3) {
  const local = createInProcessQueue({
    registry: jobRegistry(),
    metrics: noQueueMetrics,
    attempts,
    backoffMs: 1,
  });
  return local;
}

describe('job queue (in process)', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.reset());
  after(() => database.close());

  test('retries a failing job with backoff, then succeeds', async () => {
    const { queue, worker } = setup();
    const attempts: number[] = [];
    const flaky = defineJob<{ n: number }>({
      name: 'test.flaky',
      timeoutMs: 1000,
      async run(_payload, job) {
        attempts.push(job.attempt);
        if (job.attempt < 3) throw new Error('not yet');
      },
    });
    queue.register(flaky);
    const running = worker(database.db, silentLogger());
    running.start();
    await queue.enqueue(flaky, { n: 1 }, { idempotencyKey: 'k1' });
    await running.idle();
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(await running.deadLetters(10), []);
  });

  test('dead-letters a job after its last attempt, and at once on PermanentJobError', async () => {
    const { queue, worker } = setup(4);
    let runs = 0;
    const poisoned = defineJob<object>({
      name: 'test.poisoned',
      timeoutMs: 1000,
      async run() {
        runs += 1;
        throw new Error('always fails');
      },
    });
    const permanent = defineJob<object>({
      name: 'test.permanent',
      timeoutMs: 1000,
      async run() {
        throw new PermanentJobError('gone');
      },
    });
    queue.register(poisoned);
    queue.register(permanent);
    const running = worker(database.db, silentLogger());
    running.start();
    await queue.enqueue(poisoned, {}, { idempotencyKey: 'p' });
    await queue.enqueue(permanent, {}, { idempotencyKey: 'q' });
    await running.idle();
    assert.equal(runs, 4);
    const letters = await running.deadLetters(10);
    assert.deepEqual(
      letters
        .map(({ name, attempts, reason, idempotencyKey }) => ({
          name,
          attempts,
          reason,
          idempotencyKey,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      [
        { name: 'test.permanent', attempts: 1, reason: 'gone', idempotencyKey: 'q' },
        { name: 'test.poisoned', attempts: 4, reason: 'always fails', idempotencyKey: 'p' },
      ],
    );
    // A retried dead letter gets a fresh set of attempts.
    assert.equal(await running.retry(letters.find((l) => l.name === 'test.poisoned')!.id), true);
    await running.idle();
    assert.equal(runs, 8);
    assert.equal(await running.retry('no-such-id'), false);
  });

  test('the same idempotency key enqueued twice is one job', async () => {
    const { queue, worker } = setup();
    let runs = 0;
    const job = defineJob<object>({
      name: 'test.once',
      timeoutMs: 1000,
      async run() {
        runs += 1;
      },
    });
    queue.register(job);
    const running = worker(database.db, silentLogger());
    running.start();
    await queue.enqueue(job, {}, { idempotencyKey: 'same' });
    await queue.enqueue(job, {}, { idempotencyKey: 'same' });
    await queue.enqueue(job, {}, { idempotencyKey: 'other' });
    await running.idle();
    assert.equal(runs, 2);
  });

  test('once() applies an effect a single time although the job runs again after it', async () => {
    const { queue, worker } = setup();
    await database.db.exec('CREATE TABLE IF NOT EXISTS test_effects (key text NOT NULL)');
    const outcomes: boolean[] = [];
    const job = defineJob<{ key: string }>({
      name: 'test.effect',
      timeoutMs: 1000,
      async run({ key }, ctx) {
        const { applied } = await ctx.once((tx) =>
          tx.query('INSERT INTO test_effects (key) VALUES ($1)', [key]),
        );
        outcomes.push(applied);
        // Fails after the effect committed: the retry must not apply it again.
        if (ctx.attempt === 1) throw new Error('crash after the effect');
      },
    });
    queue.register(job);
    const running = worker(database.db, silentLogger());
    running.start();
    await queue.enqueue(job, { key: 'a' }, { idempotencyKey: 'effect-a' });
    await running.idle();
    assert.deepEqual(outcomes, [true, false]);
    const { rows } = await database.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM test_effects WHERE key = $1',
      ['a'],
    );
    assert.equal(rows[0]!.n, 1);
    await database.db.exec('DROP TABLE test_effects');
  });

  test('an effect that fails rolls back its once() row, so the retry applies it', async () => {
    const { queue, worker } = setup();
    const outcomes: boolean[] = [];
    const job = defineJob<object>({
      name: 'test.rollback',
      timeoutMs: 1000,
      async run(_payload, ctx) {
        const { applied } = await ctx.once(async () => {
          if (ctx.attempt === 1) throw new Error('effect failed');
        });
        outcomes.push(applied);
      },
    });
    queue.register(job);
    const running = worker(database.db, silentLogger());
    running.start();
    await queue.enqueue(job, {}, { idempotencyKey: 'r' });
    await running.idle();
    assert.deepEqual(outcomes, [true]);
  });

  test('jobs enqueued before start are held, and stop waits for a running job', async () => {
    const { queue, worker } = setup();
    let finished = false;
    const job = defineJob<object>({
      name: 'test.slow',
      timeoutMs: 1000,
      async run() {
        await new Promise((resolve) => setTimeout(resolve, 50));
        finished = true;
      },
    });
    queue.register(job);
    await queue.enqueue(job, {}, { idempotencyKey: 's' });
    const running = worker(database.db, silentLogger());
    running.start();
    await running.stop(1000);
    assert.equal(finished, true);
  });

  test('a job enqueued but not registered is a dead letter, as in the worker process', async () => {
    const { queue, worker } = setup();
    const unknown = defineJob<object>({
      name: 'test.unregistered',
      timeoutMs: 1000,
      run: async () => {},
    });
    const running = worker(database.db, silentLogger());
    running.start();
    await queue.enqueue(unknown, {}, { idempotencyKey: 'u' });
    await running.idle();
    const [letter] = await running.deadLetters(10);
    assert.equal(letter?.reason, 'no job named test.unregistered is registered');
  });

  test('exponential backoff doubles from the first delay', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(100, n)),
      [100, 200, 400, 800],
    );
  });

  test('job names must be <module>.<job>', () => {
    assert.throws(
      () => defineJob({ name: 'nodot', timeoutMs: 1, run: async () => {} }),
      /must look like/,
    );
  });
});

describe('trace context carried with a job', () => {
  before(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  after(() => propagation.disable());

  test('the enqueuing span context comes back out on the worker side', () => {
    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    };
    const carrier = currentTraceCarrier(trace.setSpanContext(context.active(), spanContext));
    assert.equal(carrier.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const restored = trace.getSpanContext(contextFromCarrier(carrier));
    assert.equal(restored?.traceId, spanContext.traceId);
    assert.equal(restored?.spanId, spanContext.spanId);
  });
});
