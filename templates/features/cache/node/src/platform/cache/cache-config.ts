import { z } from 'zod';
import { ConfigError, type Config } from '../config.ts';

export interface CacheConfig {
  /**
   * redis:// or rediss:// (TLS). Required in production; unset elsewhere turns the cache off.
   * May hold a password: never logged.
   */
  readonly url: string | undefined;
  /** How long an entry lives, so also the longest it can be stale if an invalidation is lost. */
  readonly ttlSeconds: number;
  readonly connectTimeoutMs: number;
  /** Bound on every Redis command: what a slow Redis can add to a request. */
  readonly commandTimeoutMs: number;
}

function integer(defaultValue: number, { min, max }: { min: number; max: number }) {
  return z
    .string()
    .regex(/^\d+$/, 'must be a non-negative integer')
    .default(String(defaultValue))
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

const redisUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^rediss?:$/.test(new URL(value).protocol), {
    message: 'must be a redis:// or rediss:// URL',
  });

const envSchema = z.object({
  REDIS_URL: redisUrl.optional(),
  CACHE_TTL_SECONDS: integer(60, { min: 1, max: 86_400 }),
  REDIS_CONNECT_TIMEOUT_MS: integer(2000, { min: 1, max: 60_000 }),
  REDIS_COMMAND_TIMEOUT_MS: integer(250, { min: 1, max: 10_000 }),
});

/**
 * The cache's variables, validated at boot like the rest of the configuration (config.ts): a
 * ConfigError names each bad variable and never echoes its value.
 */
export function loadCacheConfig(env: NodeJS.ProcessEnv, nodeEnv: Config['nodeEnv']): CacheConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success && parsed.data.REDIS_URL === undefined && nodeEnv === 'production') {
    issues.push(
      'REDIS_URL is required in production (the cache feature is on; outside production it is off when REDIS_URL is unset)',
    );
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const e = parsed.data;
  return {
    url: e.REDIS_URL,
    ttlSeconds: e.CACHE_TTL_SECONDS,
    connectTimeoutMs: e.REDIS_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
  };
}
