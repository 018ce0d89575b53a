import type { Config } from '../config.ts';
import type { Database } from '../database/database.ts';
import type { HealthCheck } from '../health/health-report.ts';
import type { Logger } from '../logger.ts';
import { redisCheck } from '../redis/redis-client.ts';
import { loadRedisConfig } from '../redis/redis-config.ts';
import type { CleanupStep } from '../shutdown.ts';
import {
  createBullmqQueue,
  createBullmqWorker,
  type QueueSettings,
  type QueueWorker,
} from './bullmq-queue.ts';
import { createInProcessQueue } from './in-process-queue.ts';
import { jobRegistry, type JobQueue } from './job-queue.ts';
import { loadQueueConfig, type QueueConfig } from './queue-config.ts';
import { createQueueConnection } from './queue-connection.ts';
import { openTelemetryQueueMetrics } from './queue-metrics.ts';

export interface StartedQueue {
  readonly queue: JobQueue;
  readonly config: QueueConfig;
  /** Checks for the web process: enqueueing needs Redis, the rest of the API does not ('warn'). */
  readonly readinessChecks: readonly HealthCheck[];
  readonly cleanup: readonly CleanupStep[];
  /**
   * With Redis: builds the worker that src/worker.ts runs (its own process). Without Redis
   * (development): undefined, and `runInProcess` runs the jobs in the web process instead.
   */
  readonly worker?: (db: Pick<Database, 'transaction'>) => {
    readonly worker: QueueWorker;
    readonly readinessChecks: readonly HealthCheck[];
    readonly cleanup: readonly CleanupStep[];
  };
  readonly runInProcess?: (db: Pick<Database, 'transaction'>) => void;
}

/**
 * The job queue as features.ts starts it: configuration checked (ConfigError when invalid), then
 * the producer's Redis connection made in the background; boot never waits for Redis.
 */
export function startQueue({
  env,
  config,
  logger,
}: {
  readonly env: NodeJS.ProcessEnv;
  readonly config: Config;
  readonly logger: Logger;
}): StartedQueue {
  const redisConfig = loadRedisConfig(env, config.nodeEnv);
  const queueConfig = loadQueueConfig(env);
  const registry = jobRegistry();
  const metrics = openTelemetryQueueMetrics();
  const { url } = redisConfig;

  if (url === undefined) {
    logger.info('job queue without Redis (REDIS_URL is not set): jobs run in this process');
    const local = createInProcessQueue({
      registry,
      metrics,
      attempts: queueConfig.attempts,
      backoffMs: queueConfig.backoffMs,
    });
    let worker: QueueWorker | undefined;
    return {
      queue: local.queue,
      config: queueConfig,
      readinessChecks: [],
      cleanup: [
        {
          name: 'in-process jobs',
          run: async () => worker?.stop(queueConfig.stopTimeoutMs),
          timeoutMs: queueConfig.stopTimeoutMs + 1000,
        },
      ],
      runInProcess(db) {
        worker = local.worker(db, logger);
        worker.start();
      },
    };
  }

  const connectionName = config.service.name;
  const producer = createQueueConnection({ ...redisConfig, url }, 'producer', connectionName);
  let lost = false;
  producer.on('error', (error) => {
    if (!lost)
      logger.warn(
        { err: error },
        'job queue: Redis unreachable; enqueueing fails until it is back',
      );
    lost = true;
  });
  producer.on('ready', () => {
    if (lost) logger.info('job queue: Redis connection restored');
    lost = false;
  });
  const settings: QueueSettings = { prefix: config.service.name, config: queueConfig, metrics };
  const queue = createBullmqQueue(producer, registry, settings);
  const closeQueue: CleanupStep = {
    name: 'job queue',
    run: async () => {
      await queue.close().catch(() => undefined);
      producer.disconnect();
    },
    timeoutMs: 1000,
  };

  return {
    queue,
    config: queueConfig,
    readinessChecks: [redisCheck(producer, { key: 'redis:queue', whenFailing: 'warn' })],
    cleanup: [closeQueue],
    worker(db) {
      const consumer = createQueueConnection({ ...redisConfig, url }, 'worker', connectionName);
      consumer.on('error', () => {}); // reported by the worker's 'error' event and readiness
      const worker = createBullmqWorker(consumer, registry, settings, { db, logger });
      return {
        worker,
        // The worker is useless without Redis: out of rotation (it has no traffic, but the
        // Deployment's rollout waits for it) and visible to whoever looks.
        readinessChecks: [redisCheck(consumer, { key: 'redis:worker', whenFailing: 'fail' })],
        cleanup: [
          {
            name: 'job worker',
            run: () => worker.stop(queueConfig.stopTimeoutMs),
            timeoutMs: queueConfig.stopTimeoutMs + 6000,
          },
          { name: 'worker redis', run: async () => consumer.disconnect(), timeoutMs: 1000 },
        ],
      };
    },
  };
}
