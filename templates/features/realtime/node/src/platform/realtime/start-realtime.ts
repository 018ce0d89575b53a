import type { Config } from '../config.ts';
import type { HealthCheck } from '../health/health-report.ts';
import type { Logger } from '../logger.ts';
import { closeRedisClient, createRedisClient, redisCheck } from '../redis/redis-client.ts';
import { loadRedisConfig } from '../redis/redis-config.ts';
import type { CleanupStep } from '../shutdown.ts';
import { sharedTokenAuthenticator, type ConnectionAuthenticator } from './authenticate.ts';
import { localFanOut, redisFanOut, type FanOut } from './fan-out.ts';
import { createRealtimeHub, type RealtimeHub } from './hub.ts';
import { loadRealtimeConfig } from './realtime-config.ts';
import { openTelemetryRealtimeMetrics, type RealtimeMetrics } from './realtime-metrics.ts';

/** What the HTTP layer needs to serve the real-time endpoints. */
export interface RealtimeEndpoints {
  readonly hub: RealtimeHub;
  readonly authenticate: ConnectionAuthenticator;
  /** Largest frame a client may send over the WebSocket. */
  readonly maxClientMessageBytes: number;
}

export interface StartedRealtime {
  readonly endpoints: RealtimeEndpoints;
  readonly readinessChecks: readonly HealthCheck[];
  readonly cleanup: readonly CleanupStep[];
}

const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/**
 * Real-time as features.ts starts it: configuration checked (ConfigError when invalid), then two
 * Redis connections (publish, subscribe) made in the background. Without REDIS_URL (allowed
 * outside production) messages reach this process's clients only.
 */
export function startRealtime({
  env,
  config,
  logger,
}: {
  readonly env: NodeJS.ProcessEnv;
  readonly config: Config;
  readonly logger: Logger;
}): StartedRealtime {
  const realtimeConfig = loadRealtimeConfig(env, config.nodeEnv);
  const redisConfig = loadRedisConfig(env, config.nodeEnv);
  const authenticate = sharedTokenAuthenticator(realtimeConfig.tokens);
  if (realtimeConfig.tokens.length === 0) {
    logger.warn('real-time endpoints accept anonymous clients: REALTIME_TOKENS is not set');
  }
  const hubOptions = { ...realtimeConfig, metrics: openTelemetryRealtimeMetrics(), logger };
  const { url } = redisConfig;
  if (url === undefined) {
    logger.info('real-time fan-out is local: REDIS_URL is not set, one process only');
    const hub = createRealtimeHub({ ...hubOptions, fanOut: localFanOut() });
    return {
      endpoints: { hub, authenticate, maxClientMessageBytes: MAX_CLIENT_MESSAGE_BYTES },
      readinessChecks: [],
      cleanup: [],
    };
  }
  const connect = (role: string) =>
    createRedisClient(
      { ...redisConfig, url },
      {
        connectionName: `${config.service.name}:realtime-${role}`,
        logger,
        onError: (error) => logger.warn({ err: error, role }, 'real-time redis connection error'),
      },
    );
  const publisher = connect('publish');
  const subscriber = connect('subscribe');
  const fanOut: FanOut = redisFanOut(publisher, subscriber, `${config.service.name}:realtime:`);
  const hub = createRealtimeHub({ ...hubOptions, fanOut });
  return {
    endpoints: { hub, authenticate, maxClientMessageBytes: MAX_CLIENT_MESSAGE_BYTES },
    // Without Redis, clients still get what this replica publishes; taking every replica out of
    // rotation would disconnect them all. So a warning, not a failure.
    readinessChecks: [
      redisCheck(publisher, { key: 'redis:realtime-publish', whenFailing: 'warn' }),
      redisCheck(subscriber, { key: 'redis:realtime-subscribe', whenFailing: 'warn' }),
    ],
    cleanup: [
      {
        name: 'realtime-redis',
        run: () => Promise.all([closeRedisClient(publisher), closeRedisClient(subscriber)]),
        timeoutMs: 1000,
      },
    ],
  };
}

/** For an app built without the process around it (tests): local fan-out, no authentication. */
export function localRealtime(
  logger: Pick<Logger, 'info' | 'warn'>,
  metrics: RealtimeMetrics = openTelemetryRealtimeMetrics(),
): RealtimeEndpoints {
  return {
    hub: createRealtimeHub({
      fanOut: localFanOut(),
      metrics,
      logger,
      sendBufferLimitBytes: 262_144,
      heartbeatIntervalMs: 25_000,
      maxConnections: 10_000,
      closeTimeoutMs: 1000,
    }),
    authenticate: sharedTokenAuthenticator([]),
    maxClientMessageBytes: MAX_CLIENT_MESSAGE_BYTES,
  };
}
