import { z } from 'zod';
import { ConfigError, type Config } from '../config.ts';
import { integerVariable, presentVariables } from '../redis/redis-config.ts';

export interface RealtimeConfig {
  /** Past this many bytes queued for one client, the client is disconnected. */
  readonly sendBufferLimitBytes: number;
  readonly heartbeatIntervalMs: number;
  /** Per process; more connection attempts are answered 503. */
  readonly maxConnections: number;
  /** How long shutdown waits for clients to take their close before dropping the sockets. */
  readonly closeTimeoutMs: number;
  /** Accepted bearer tokens; empty outside production means no authentication. Secrets. */
  readonly tokens: readonly string[];
}

const envSchema = z.object({
  REALTIME_SEND_BUFFER_LIMIT_BYTES: integerVariable(262_144, { min: 1024, max: 67_108_864 }),
  REALTIME_HEARTBEAT_INTERVAL_MS: integerVariable(25_000, { min: 100, max: 600_000 }),
  REALTIME_MAX_CONNECTIONS: integerVariable(10_000, { min: 1, max: 1_000_000 }),
  REALTIME_CLOSE_TIMEOUT_MS: integerVariable(2000, { min: 0, max: 60_000 }),
  REALTIME_TOKENS: z
    .string()
    .transform((value) => value.split(',').map((token) => token.trim()))
    .pipe(z.array(z.string().min(16, 'each token must be at least 16 characters')))
    .optional(),
});

/** The real-time variables, validated at boot; a ConfigError never echoes a value. */
export function loadRealtimeConfig(
  env: NodeJS.ProcessEnv,
  nodeEnv: Config['nodeEnv'],
): RealtimeConfig {
  const parsed = envSchema.safeParse(presentVariables(env));
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  if (parsed.success && parsed.data.REALTIME_TOKENS === undefined && nodeEnv === 'production') {
    issues.push(
      'REALTIME_TOKENS is required in production (or replace the authenticator, see docs/realtime.md)',
    );
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const e = parsed.data;
  return {
    sendBufferLimitBytes: e.REALTIME_SEND_BUFFER_LIMIT_BYTES,
    heartbeatIntervalMs: e.REALTIME_HEARTBEAT_INTERVAL_MS,
    maxConnections: e.REALTIME_MAX_CONNECTIONS,
    closeTimeoutMs: e.REALTIME_CLOSE_TIMEOUT_MS,
    tokens: e.REALTIME_TOKENS ?? [],
  };
}
