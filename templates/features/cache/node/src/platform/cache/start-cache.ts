import type { Config } from '../config.ts';
import type { HealthCheck } from '../health/health-report.ts';
import type { Logger } from '../logger.ts';
import type { CleanupStep } from '../shutdown.ts';
import { createCache, disabledCache, throttledWarning, type CacheProvider } from './cache.ts';
import { loadCacheConfig } from './cache-config.ts';
import { openTelemetryCacheMetrics } from './cache-metrics.ts';
import { closeRedisClient, createRedisClient, redisCheck } from '../redis/redis-client.ts';
import { loadRedisConfig } from '../redis/redis-config.ts';
import { createRedisStore } from './redis-store.ts';

/** While Redis is down every request fails over to the database: one log line per interval. */
const ERROR_LOG_INTERVAL_MS = 30_000;

export interface StartedCache {
  readonly provider: CacheProvider;
  readonly readinessChecks: readonly HealthCheck[];
  readonly cleanup: readonly CleanupStep[];
}

/**
 * The cache as features.ts starts it: configuration checked (ConfigError when invalid), then a
 * Redis connection made in the background; boot never waits for Redis.
 */
export function startCache({
  env,
  config,
  logger,
}: {
  readonly env: NodeJS.ProcessEnv;
  readonly config: Config;
  readonly logger: Logger;
}): StartedCache {
  const redisConfig = loadRedisConfig(env, config.nodeEnv);
  const cacheConfig = loadCacheConfig(env);
  const { url } = redisConfig;
  if (url === undefined) {
    logger.info('cache is off: REDIS_URL is not set, reads go to the database');
    return { provider: disabledCache(), readinessChecks: [], cleanup: [] };
  }
  const warn = throttledWarning(
    logger,
    'cache unavailable: reading from the database',
    ERROR_LOG_INTERVAL_MS,
  );
  const client = createRedisClient(
    { ...redisConfig, url },
    { connectionName: `${config.service.name}:cache`, logger, onError: (error) => warn(error) },
  );
  const target = new URL(url);
  logger.info(
    {
      'server.address': target.hostname,
      'server.port': Number(target.port || 6379),
      tls: target.protocol === 'rediss:',
      'cache.ttl_seconds': cacheConfig.ttlSeconds,
    },
    'cache is on',
  );
  const provider = createCache({
    store: createRedisStore(client),
    prefix: `${config.service.name}:cache`,
    ttlSeconds: cacheConfig.ttlSeconds,
    metrics: openTelemetryCacheMetrics(),
    onError: (error, operation) => warn(error, { 'cache.operation': operation }),
  });
  return {
    provider,
    readinessChecks: [redisCheck(client, { whenFailing: 'warn' })],
    cleanup: [{ name: 'redis', run: () => closeRedisClient(client), timeoutMs: 1000 }],
  };
}
