import type { Redis } from 'ioredis';

/**
 * How a published message reaches every replica's subscribers. Delivery is at most once: a
 * replica whose Redis subscription is down misses what is published meanwhile (docs/realtime.md).
 */
export interface FanOut {
  /** Rejects when the message could not be handed on (Redis unreachable or slow). */
  publish(channel: string, json: string): Promise<void>;
  /** Called for every message published on any replica, this one included. */
  onMessage(deliver: (channel: string, json: string) => void): void;
}

/** A single process (no REDIS_URL outside production): publishing delivers locally. */
export function localFanOut(): FanOut {
  let deliver: (channel: string, json: string) => void = () => {};
  return {
    async publish(channel, json) {
      deliver(channel, json);
    },
    onMessage(handler) {
      deliver = handler;
    },
  };
}

/**
 * Redis pub/sub: one connection publishes, another (a connection in subscriber mode can do
 * nothing else) listens on `<prefix>*`, so channels need no subscription of their own. Every
 * replica, the publisher's own included, delivers what Redis relays, so all clients see the
 * messages of a channel in the same order.
 */
export function redisFanOut(publisher: Redis, subscriber: Redis, prefix: string): FanOut {
  const pattern = `${prefix}*`;
  // ioredis subscribes again by itself after a reconnection; this covers the first connection,
  // which may become ready after the subscriber was created. A repeated PSUBSCRIBE is harmless.
  const subscribe = () => {
    subscriber.psubscribe(pattern).catch(() => {
      // the connection dropped again: the next 'ready' retries
    });
  };
  subscriber.on('ready', subscribe);
  if (subscriber.status === 'ready') subscribe();
  return {
    async publish(channel, json) {
      await publisher.publish(prefix + channel, json);
    },
    onMessage(deliver) {
      subscriber.on('pmessage', (_pattern: string, redisChannel: string, json: string) => {
        if (redisChannel.startsWith(prefix)) deliver(redisChannel.slice(prefix.length), json);
      });
    },
  };
}
