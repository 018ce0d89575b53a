import { z } from 'zod';
import { ConfigError } from '../config.ts';
import { integerVariable, presentVariables } from '../redis/redis-config.ts';

export interface QueueConfig {
  /** Jobs one worker process runs at a time. CPU-bound jobs: 1, and scale out with replicas. */
  readonly concurrency: number;
  /** Default attempts per job (a job definition may set its own) before it is dead-lettered. */
  readonly attempts: number;
  /** Delay before the second attempt; doubles for each further one. */
  readonly backoffMs: number;
  /**
   * How long a job stays locked to a worker without a heartbeat. A worker that dies mid-job
   * (SIGKILL, OOM, lost node) gives its job back to the queue once this has passed.
   */
  readonly lockMs: number;
  /** On SIGTERM the worker lets running jobs finish this long, then hands them back to the queue. */
  readonly stopTimeoutMs: number;
  /**
   * How long a completed job is remembered, which is the window in which enqueueing again with
   * the same idempotency key is a no-op. Effects stay deduplicated for ever (job_effects).
   */
  readonly keepCompletedSeconds: number;
  /** How many dead letters (jobs that failed every attempt) are kept for inspection. */
  readonly keepDeadLetters: number;
}

const envSchema = z.object({
  WORKER_CONCURRENCY: integerVariable(4, { min: 1, max: 256 }),
  JOB_ATTEMPTS: integerVariable(5, { min: 1, max: 100 }),
  JOB_BACKOFF_MS: integerVariable(1000, { min: 1, max: 3_600_000 }),
  JOB_LOCK_MS: integerVariable(30_000, { min: 1000, max: 600_000 }),
  WORKER_STOP_TIMEOUT_MS: integerVariable(20_000, { min: 0, max: 600_000 }),
  JOB_KEEP_COMPLETED_SECONDS: integerVariable(86_400, { min: 1, max: 30 * 86_400 }),
  JOB_KEEP_DEAD_LETTERS: integerVariable(10_000, { min: 1, max: 1_000_000 }),
});

/**
 * The job queue's own variables (the Redis connection's are in redis-config.ts), validated at
 * boot: a ConfigError names each bad variable and never echoes its value.
 */
export function loadQueueConfig(env: NodeJS.ProcessEnv): QueueConfig {
  const parsed = envSchema.safeParse(presentVariables(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  const e = parsed.data;
  return {
    concurrency: e.WORKER_CONCURRENCY,
    attempts: e.JOB_ATTEMPTS,
    backoffMs: e.JOB_BACKOFF_MS,
    lockMs: e.JOB_LOCK_MS,
    stopTimeoutMs: e.WORKER_STOP_TIMEOUT_MS,
    keepCompletedSeconds: e.JOB_KEEP_COMPLETED_SECONDS,
    keepDeadLetters: e.JOB_KEEP_DEAD_LETTERS,
  };
}
