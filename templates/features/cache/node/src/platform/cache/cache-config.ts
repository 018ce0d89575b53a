import { z } from 'zod';
import { ConfigError } from '../config.ts';
import { integerVariable, presentVariables } from '../redis/redis-config.ts';

export interface CacheConfig {
  /** How long an entry lives, so also the longest it can be stale if an invalidation is lost. */
  readonly ttlSeconds: number;
}

const envSchema = z.object({
  CACHE_TTL_SECONDS: integerVariable(60, { min: 1, max: 86_400 }),
});

/**
 * The cache's own variables (the connection's are in redis-config.ts), validated at boot: a
 * ConfigError names each bad variable and never echoes its value.
 */
export function loadCacheConfig(env: NodeJS.ProcessEnv): CacheConfig {
  const parsed = envSchema.safeParse(presentVariables(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  return { ttlSeconds: parsed.data.CACHE_TTL_SECONDS };
}
