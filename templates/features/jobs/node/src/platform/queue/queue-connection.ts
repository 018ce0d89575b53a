import { Redis } from 'ioredis';
import type { RedisConfig } from '../redis/redis-config.ts';

/**
 * The queue's own Redis connections, not the request-path client of redis-client.ts: a worker
 * waits on blocking commands (no command timeout may cut them) and BullMQ requires
 * `maxRetriesPerRequest: null` so that it, not ioredis, decides what to do after a reconnection.
 * The producer (the web process) fails fast instead: no offline queue, so an enqueue while Redis
 * is down rejects at once (the caller answers 503 or its event handler retries) rather than
 * holding the request.
 */
export function createQueueConnection(
  config: RedisConfig & { readonly url: string },
  role: 'producer' | 'worker',
  connectionName: string,
): Redis {
  return new Redis(config.url, {
    connectionName: `${connectionName}:${role}`,
    connectTimeout: config.connectTimeoutMs,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    ...(role === 'producer' ? { commandTimeout: Math.max(config.commandTimeoutMs, 1000) } : {}),
    // Back off to one attempt every 2 s (with jitter); never give up.
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000) + Math.floor(Math.random() * 100),
    protocol: 2,
  });
}
