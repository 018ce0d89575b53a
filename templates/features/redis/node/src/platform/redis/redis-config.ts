import { z } from 'zod';
import { ConfigError, type Config } from '../config.ts';

/**
 * The Redis connection shared by the features that use Redis (cache, real-time fan-out, job
 * queue). Each feature opens its own connections from these settings.
 */
export interface RedisConfig {
  /**
   * redis:// or rediss:// (TLS). Required in production; unset elsewhere turns the Redis
   * features to their single-process fallbacks. May hold a password: never logged.
   */
  readonly url: string | undefined;
  readonly connectTimeoutMs: number;
  /** Bound on every Redis command: what a slow Redis can add to a request. */
  readonly commandTimeoutMs: number;
}

export function integerVariable(defaultValue: number, { min, max }: { min: number; max: number }) {
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
  REDIS_CONNECT_TIMEOUT_MS: integerVariable(2000, { min: 1, max: 60_000 }),
  REDIS_COMMAND_TIMEOUT_MS: integerVariable(250, { min: 1, max: 10_000 }),
});

/** Empty variables count as unset, as in config.ts. */
export function presentVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

/**
 * The Redis variables, validated at boot like the rest of the configuration (config.ts): a
 * ConfigError names each bad variable and never echoes its value.
 */
export function loadRedisConfig(env: NodeJS.ProcessEnv, nodeEnv: Config['nodeEnv']): RedisConfig {
  const parsed = envSchema.safeParse(presentVariables(env));
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success && parsed.data.REDIS_URL === undefined && nodeEnv === 'production') {
    issues.push(
      'REDIS_URL is required in production (a Redis feature is on; outside production, unset REDIS_URL turns Redis off)',
    );
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const e = parsed.data;
  return {
    url: e.REDIS_URL,
    connectTimeoutMs: e.REDIS_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
  };
}
