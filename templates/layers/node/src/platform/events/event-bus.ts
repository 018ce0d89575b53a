import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { exceptionFields, type Logger } from '../logger.ts';
import type { DeadLetterStore } from './dead-letters.ts';

/**
 * A named event whose payload type travels with it, so `publish` and `subscribe` are checked
 * against the same type without a global event map (which would import every module).
 */
export interface EventType<Payload> {
  readonly name: string;
  /** Type-level only; never set. */
  readonly payloadType?: Payload;
}

export function defineEvent<Payload>(name: string): EventType<Payload> {
  return { name };
}

export interface DomainEvent<Payload> {
  /** Unique per publish: handlers use it as their idempotency key. */
  readonly id: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly payload: Payload;
}

/**
 * Must be idempotent: a handler that fails part-way is called again with the same event, and
 * after `maxAttempts` failures the event is recorded as a dead letter for a person to look at.
 */
export type EventHandler<Payload> = (event: DomainEvent<Payload>) => Promise<void>;

export interface EventBus {
  /** Queues the event for every subscriber and returns at once; delivery is asynchronous. */
  publish<Payload>(type: EventType<Payload>, payload: Payload): DomainEvent<Payload>;
  /** `handlerName` (`<module>.<handler>`) names the handler in logs, spans and dead letters. */
  subscribe<Payload>(
    type: EventType<Payload>,
    handlerName: string,
    handler: EventHandler<Payload>,
  ): void;
  /**
   * Waits for deliveries under way (retries included) for up to `timeoutMs`, then dead-letters
   * what is left instead of dropping it. Called during shutdown, before the database closes.
   */
  drain(timeoutMs: number): Promise<{ deadLettered: number }>;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Delay before the second attempt; doubles for each further one, up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 5000,
};

interface Subscription {
  readonly handlerName: string;
  readonly handler: EventHandler<unknown>;
}

const tracer = trace.getTracer('event-bus');

export function retryDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (failedAttempts - 1));
}

/**
 * In-process, at-least-once delivery with retries and a dead-letter record; nothing is swallowed.
 * Events live in memory until handled: a crash loses undelivered ones. When that matters, store
 * events in the publisher's transaction (an outbox table) or move to a queue.
 */
export function createEventBus(input: {
  logger: Logger;
  deadLetters: DeadLetterStore;
  retry?: RetryPolicy;
}): EventBus {
  const { logger, deadLetters } = input;
  const policy = input.retry ?? DEFAULT_RETRY_POLICY;
  const subscriptions = new Map<string, Subscription[]>();
  const inFlight = new Set<Promise<void>>();
  // Aborted when drain() times out: pending retries stop waiting and go to the dead letters.
  const giveUp = new AbortController();
  let deadLettered = 0;

  async function attempt(event: DomainEvent<unknown>, subscription: Subscription, n: number) {
    await tracer.startActiveSpan(
      `event ${event.type} ${subscription.handlerName}`,
      {
        attributes: {
          'messaging.system': 'in-process',
          'messaging.operation.type': 'process',
          'messaging.destination.name': event.type,
          'messaging.message.id': event.id,
          'event.handler': subscription.handlerName,
          'event.attempt': n,
        },
      },
      async (span) => {
        try {
          await subscription.handler(event);
        } catch (error) {
          span.recordException(error instanceof Error ? error : String(error));
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  async function deliver(event: DomainEvent<unknown>, subscription: Subscription): Promise<void> {
    const fields = { eventId: event.id, eventType: event.type, handler: subscription.handlerName };
    for (let n = 1; ; n += 1) {
      try {
        await attempt(event, subscription, n);
        return;
      } catch (error) {
        const last = n >= policy.maxAttempts || giveUp.signal.aborted;
        if (!last) {
          logger.warn(
            { ...fields, attempt: n, ...exceptionFields(error) },
            'event handler failed; will retry',
          );
          const waited = await sleep(retryDelayMs(policy, n), true, {
            signal: giveUp.signal,
          }).catch(() => false);
          if (waited) continue;
        }
        await recordDeadLetter(event, subscription, n, error);
        return;
      }
    }
  }

  async function recordDeadLetter(
    event: DomainEvent<unknown>,
    subscription: Subscription,
    attempts: number,
    error: unknown,
  ): Promise<void> {
    deadLettered += 1;
    const letter = {
      eventId: event.id,
      eventType: event.type,
      handler: subscription.handlerName,
      payload: event.payload,
      attempts,
      error: exceptionFields(error)['exception.message'] ?? String(error),
    };
    logger.error(
      {
        eventId: letter.eventId,
        eventType: letter.eventType,
        handler: letter.handler,
        attempts,
        ...exceptionFields(error),
      },
      'event handler gave up; event recorded as a dead letter',
    );
    try {
      await deadLetters.record(letter);
    } catch (storeError) {
      // Last resort: the log line carries everything needed to replay the event by hand.
      logger.error(
        { ...letter, deadLetterStoreError: exceptionFields(storeError)['exception.message'] },
        'dead letter could not be stored; its content is in this log line',
      );
    }
  }

  return {
    publish(type, payload) {
      const event = { id: randomUUID(), type: type.name, occurredAt: new Date(), payload };
      for (const subscription of subscriptions.get(type.name) ?? []) {
        // setImmediate keeps the publisher's async context, so handler spans and logs join its trace.
        const delivery: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => deliver(event, subscription))
          .finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
      return event;
    },

    subscribe(type, handlerName, handler) {
      const list = subscriptions.get(type.name) ?? [];
      if (list.some((s) => s.handlerName === handlerName)) {
        throw new Error(`${handlerName} is already subscribed to ${type.name}`);
      }
      list.push({ handlerName, handler: handler as EventHandler<unknown> });
      subscriptions.set(type.name, list);
    },

    async drain(timeoutMs) {
      const before = deadLettered;
      const everything = () => Promise.allSettled([...inFlight]);
      const timer = new AbortController();
      await Promise.race([
        everything(),
        sleep(timeoutMs, undefined, { signal: timer.signal }).catch(() => undefined),
      ]);
      timer.abort();
      if (inFlight.size > 0) {
        giveUp.abort();
        await everything();
      }
      return { deadLettered: deadLettered - before };
    },
  };
}
