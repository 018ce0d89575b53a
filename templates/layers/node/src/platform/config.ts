import { z } from 'zod';
import { resolveServiceIdentity, type ServiceIdentity } from './service-identity.ts';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface HttpConfig {
  readonly host: string;
  readonly port: number;
  readonly bodyLimitBytes: number;
  readonly maxHeaderBytes: number;
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly maxConcurrentRequests: number;
  /** 0 turns in-app rate limiting off. */
  readonly rateLimitPerMinute: number;
  /** Empty turns CORS off. */
  readonly corsAllowedOrigins: readonly string[];
  /** 0 ignores X-Forwarded-* entirely. */
  readonly trustProxyHops: number;
}

export interface DatabaseConfig {
  /** Unset only outside production: the embedded PGlite database is used instead. */
  readonly url: string | undefined;
  readonly poolMax: number;
  readonly poolMin: number;
  readonly acquireTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly idleInTransactionTimeoutMs: number;
  /** Shown in pg_stat_activity; always the service name. */
  readonly applicationName: string;
  readonly pgliteDataDir: string | undefined;
  readonly runMigrationsOnStart: boolean;
}

export interface Config {
  readonly nodeEnv: 'production' | 'development' | 'test';
  readonly service: ServiceIdentity;
  readonly logLevel: LogLevel;
  readonly http: HttpConfig;
  readonly shutdown: { readonly delayMs: number; readonly timeoutMs: number };
  readonly health: { readonly checkTimeoutMs: number };
  readonly database: DatabaseConfig;
}

/** Configuration problems, one line per variable. Messages never contain the offending value. */
export class ConfigError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`invalid configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Digits only: Number() would also accept '', ' 12', '1e3' and '0x10'. */
function integer(defaultValue: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  return z
    .string()
    .regex(/^\d+$/, 'must be a non-negative integer')
    .default(String(defaultValue))
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

function boolean() {
  return z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1'));
}

const origin = z.url({ protocol: /^https?$/ }).refine((value) => new URL(value).origin === value, {
  message: 'must be exact origins like https://app.example.com (no path or trailing slash)',
});

const postgresUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol), {
    message: 'must be a postgres:// or postgresql:// URL',
  });

const envSchema = z
  .object({
    NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: integer(8080, { max: 65535 }),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info'),
    SHUTDOWN_DELAY_MS: integer(5000),
    SHUTDOWN_TIMEOUT_MS: integer(20000),
    REQUEST_TIMEOUT_MS: integer(30000, { min: 1 }),
    HEADERS_TIMEOUT_MS: integer(10000, { min: 1 }),
    KEEP_ALIVE_TIMEOUT_MS: integer(65000, { min: 1 }),
    BODY_LIMIT_BYTES: integer(1048576, { min: 1 }),
    MAX_HEADER_BYTES: integer(16384, { min: 1024 }),
    MAX_CONCURRENT_REQUESTS: integer(1024, { min: 1 }),
    RATE_LIMIT_RPM: integer(0),
    CORS_ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .pipe(z.array(origin)),
    TRUST_PROXY_HOPS: integer(0, { max: 32 }),
    DATABASE_URL: postgresUrl.optional(),
    DB_POOL_MAX: integer(10, { min: 1 }),
    DB_POOL_MIN: integer(0),
    DB_POOL_ACQUIRE_TIMEOUT_MS: integer(5000, { min: 1 }),
    DB_STATEMENT_TIMEOUT_MS: integer(5000),
    DB_IDLE_IN_TX_TIMEOUT_MS: integer(10000),
    HEALTH_CHECK_TIMEOUT_MS: integer(1000, { min: 1 }),
    RUN_MIGRATIONS_ON_START: boolean(),
    PGLITE_DATA_DIR: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL === undefined && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required in production (NODE_ENV=development falls back to embedded PGlite)',
      });
    }
    if (env.DB_POOL_MIN > env.DB_POOL_MAX) {
      ctx.addIssue({
        code: 'custom',
        path: ['DB_POOL_MIN'],
        message: 'must not exceed DB_POOL_MAX',
      });
    }
  });

/**
 * Reads and validates the environment once at boot (fail fast). Throws ConfigError naming every
 * bad variable; values are never echoed, so a secret in the wrong variable cannot leak.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable (common in ConfigMaps and .env files) means "use the default".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`,
      ),
    );
  }
  const e = parsed.data;
  const service = resolveServiceIdentity(env);
  return {
    nodeEnv: e.NODE_ENV,
    service,
    logLevel: e.LOG_LEVEL,
    http: {
      host: e.HOST,
      port: e.PORT,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      maxHeaderBytes: e.MAX_HEADER_BYTES,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
      maxConcurrentRequests: e.MAX_CONCURRENT_REQUESTS,
      rateLimitPerMinute: e.RATE_LIMIT_RPM,
      corsAllowedOrigins: e.CORS_ALLOWED_ORIGINS,
      trustProxyHops: e.TRUST_PROXY_HOPS,
    },
    shutdown: { delayMs: e.SHUTDOWN_DELAY_MS, timeoutMs: e.SHUTDOWN_TIMEOUT_MS },
    health: { checkTimeoutMs: e.HEALTH_CHECK_TIMEOUT_MS },
    database: {
      url: e.DATABASE_URL,
      poolMax: e.DB_POOL_MAX,
      poolMin: e.DB_POOL_MIN,
      acquireTimeoutMs: e.DB_POOL_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DB_IDLE_IN_TX_TIMEOUT_MS,
      applicationName: service.name,
      pgliteDataDir: e.PGLITE_DATA_DIR,
      // Production runs migrations as a separate command/Job (many replicas would race on start).
      runMigrationsOnStart: e.RUN_MIGRATIONS_ON_START ?? e.NODE_ENV === 'development',
    },
  };
}
