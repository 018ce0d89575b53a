import { Redis } from 'ioredis';
import type { HealthCheck } from '../health/health-report.ts';
import type { Logger } from '../logger.ts';
import type { RedisConfig } from './redis-config.ts';

/**
 * A Redis connection for a request-path feature (cache, real-time fan-out). A Redis outage must
 * never hold a request: commands fail at once while disconnected (no offline queue) and after
 * `commandTimeoutMs` when Redis is slow, and the feature falls back (the cache reads from the
 * database). Reconnection runs in the background for as long as the process lives.
 */
export function createRedisClient(
  config: RedisConfig & { readonly url: string },
  options: {
    readonly connectionName: string;
    readonly logger: Logger;
    /** Connection errors repeat on every reconnection attempt: log them through a throttle. */
    readonly onError: (error: unknown) => void;
  },
): Redis {
  const client = new Redis(config.url, {
    connectionName: options.connectionName,
    connectTimeout: config.connectTimeoutMs,
    commandTimeout: config.commandTimeoutMs,
    enableOfflineQueue: false,
    // A command cut off by a dropped connection is retried once after reconnecting, then fails.
    maxRetriesPerRequest: 1,
    // Back off to one attempt every 2 s (with jitter, so replicas do not reconnect in step); never give up.
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000) + Math.floor(Math.random() * 100),
    // RESP2 works with every Redis-compatible server and proxy; nothing here needs RESP3.
    protocol: 2,
  });
  let lost = false;
  client.on('error', (error) => {
    lost = true;
    options.onError(error);
  });
  client.on('close', () => {
    if (client.status !== 'end') lost = true;
  });
  client.on('ready', () => {
    if (lost)
      options.logger.info(
        { 'redis.connection': options.connectionName },
        'redis connection restored',
      );
    lost = false;
  });
  return client;
}

/** Sends QUIT (pending replies are delivered), or drops the socket when Redis is unreachable. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // fall through: disconnect below
    }
  }
  client.disconnect();
}

/**
 * Readiness of a Redis connection. `whenFailing: 'warn'` (HTTP 200) for a feature the service
 * works without (the cache: reads go to the database), since taking every replica out of
 * rotation because of a cache outage would turn a slowdown into downtime; `'fail'` for one it
 * cannot serve without.
 */
export function redisCheck(
  client: Pick<Redis, 'status' | 'ping'>,
  { key = 'redis:connection', whenFailing }: { key?: string; whenFailing: 'warn' | 'fail' },
): HealthCheck {
  return {
    key,
    componentType: 'datastore',
    whenFailing,
    async run() {
      if (client.status !== 'ready') throw new Error('not connected');
      await client.ping();
    },
  };
}
