import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { DeadLetter, DeadLetterStore } from '../src/platform/events/dead-letters.ts';
import { createPostgresDeadLetterStore } from '../src/platform/events/dead-letters.ts';
import {
  createEventBus,
  defineEvent,
  retryDelayMs,
  type DomainEvent,
} from '../src/platform/events/event-bus.ts';
import { capturingLogger } from './support/logs.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

const orderPlaced = defineEvent<{ orderId: string }>('orders.order-placed');
const fast = { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 };

function memoryDeadLetters(): DeadLetterStore & { letters: DeadLetter[] } {
  const letters: DeadLetter[] = [];
  return { letters, record: async (letter) => void letters.push(letter) };
}

describe('event bus', () => {
  test('delivers to every subscriber asynchronously, with an id to deduplicate on', async () => {
    const { logger } = capturingLogger();
    const bus = createEventBus({ logger, deadLetters: memoryDeadLetters(), retry: fast });
    const seen: Array<[string, DomainEvent<{ orderId: string }>]> = [];
    bus.subscribe(
      orderPlaced,
      'billing.on-order-placed',
      async (e) => void seen.push(['billing', e]),
    );
    bus.subscribe(orderPlaced, 'mail.on-order-placed', async (e) => void seen.push(['mail', e]));

    const event = bus.publish(orderPlaced, { orderId: 'o-1' });
    assert.equal(seen.length, 0, 'publish returns before handlers run');
    await bus.drain(1000);
    assert.deepEqual(seen.map(([who]) => who).sort(), ['billing', 'mail']);
    for (const [, received] of seen) assert.deepEqual(received, event);
    assert.match(event.id, /^[0-9a-f-]{36}$/);
    assert.notEqual(bus.publish(orderPlaced, { orderId: 'o-1' }).id, event.id);
  });

  test('retries a failing handler, then succeeds without a dead letter', async () => {
    const { logger, lines } = capturingLogger();
    const deadLetters = memoryDeadLetters();
    const bus = createEventBus({ logger, deadLetters, retry: fast });
    let calls = 0;
    bus.subscribe(orderPlaced, 'billing.flaky', async () => {
      calls += 1;
      if (calls < 3) throw new Error('temporarily down');
    });
    bus.publish(orderPlaced, { orderId: 'o-2' });
    await bus.drain(1000);
    assert.equal(calls, 3);
    assert.equal(deadLetters.letters.length, 0);
    assert.equal(lines.filter((l) => l.msg === 'event handler failed; will retry').length, 2);
  });

  test('after the last attempt the event becomes a dead letter and an error log line', async () => {
    const { logger, lines } = capturingLogger();
    const deadLetters = memoryDeadLetters();
    const bus = createEventBus({ logger, deadLetters, retry: fast });
    bus.subscribe(orderPlaced, 'billing.broken', async () => {
      throw new Error('always fails');
    });
    const event = bus.publish(orderPlaced, { orderId: 'o-3' });
    await bus.drain(1000);
    assert.deepEqual(deadLetters.letters, [
      {
        eventId: event.id,
        eventType: 'orders.order-placed',
        handler: 'billing.broken',
        payload: { orderId: 'o-3' },
        attempts: 3,
        error: 'always fails',
      },
    ]);
    const error = lines.find((l) => l.level === 'error');
    assert.equal(error?.eventId, event.id);
    assert.equal(error?.handler, 'billing.broken');
  });

  test('drain dead-letters deliveries still waiting for a retry instead of dropping them', async () => {
    const { logger } = capturingLogger();
    const deadLetters = memoryDeadLetters();
    const bus = createEventBus({
      logger,
      deadLetters,
      retry: { maxAttempts: 5, initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    bus.subscribe(orderPlaced, 'billing.down', async () => {
      throw new Error('down');
    });
    bus.publish(orderPlaced, { orderId: 'o-4' });
    const { deadLettered } = await bus.drain(50);
    assert.equal(deadLettered, 1);
    assert.equal(deadLetters.letters[0]?.attempts, 1);
  });

  test('a dead letter that cannot be stored is logged in full', async () => {
    const { logger, lines } = capturingLogger();
    const bus = createEventBus({
      logger,
      deadLetters: { record: async () => Promise.reject(new Error('database gone')) },
      retry: { ...fast, maxAttempts: 1 },
    });
    bus.subscribe(orderPlaced, 'billing.broken', async () => {
      throw new Error('boom');
    });
    bus.publish(orderPlaced, { orderId: 'o-5' });
    await bus.drain(1000);
    const last = lines.find((l) => l.msg.startsWith('dead letter could not be stored'));
    assert.deepEqual(last?.payload, { orderId: 'o-5' });
    assert.equal(last?.deadLetterStoreError, 'database gone');
  });

  test('one handler name per event; the retry delay doubles up to its cap', () => {
    const bus = createEventBus({
      logger: capturingLogger().logger,
      deadLetters: memoryDeadLetters(),
    });
    bus.subscribe(orderPlaced, 'billing.once', async () => undefined);
    assert.throws(
      () => bus.subscribe(orderPlaced, 'billing.once', async () => undefined),
      /already subscribed/,
    );
    const policy = { maxAttempts: 9, initialDelayMs: 100, maxDelayMs: 500 };
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(policy, n)),
      [100, 200, 400, 500],
    );
  });
});

// Runs against PGlite, or real PostgreSQL when TEST_DATABASE_URL is set.
describe('dead letters in PostgreSQL', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  beforeEach(() => database.reset());
  after(() => database.close());

  test('are stored once per event and handler', async () => {
    const store = createPostgresDeadLetterStore(database.db);
    const letter = {
      eventId: '00000000-0000-4000-8000-000000000001',
      eventType: 'orders.order-placed',
      handler: 'billing.broken',
      payload: { orderId: 'o-6' },
      attempts: 5,
      error: 'always fails',
    };
    await store.record(letter);
    await store.record(letter);
    const { rows } = await database.db.query<{
      handler: string;
      payload: unknown;
      attempts: number;
    }>('SELECT handler, payload, attempts FROM event_dead_letters');
    assert.deepEqual(rows, [
      { handler: 'billing.broken', payload: { orderId: 'o-6' }, attempts: 5 },
    ]);
  });
});
