import { randomUUID } from 'node:crypto';
import type { Database } from '../database/database.ts';
import type { Logger } from '../logger.ts';
import type { QueueWorker } from './bullmq-queue.ts';
import {
  PermanentJobError,
  retryDelayMs,
  type DeadLetter,
  type JobDefinition,
  type JobQueue,
  type jobRegistry,
} from './job-queue.ts';
import type { QueueMetrics } from './queue-metrics.ts';
import { JobHandedBack, runJob, type JobData } from './run-job.ts';
import { currentTraceCarrier } from './trace-context.ts';

interface Entry {
  readonly id: string;
  readonly job: JobDefinition<unknown>;
  readonly data: JobData;
  readonly enqueuedAt: Date;
  failedAttempts: number;
}

export interface InProcessQueue {
  readonly queue: JobQueue;
  /** Runs the jobs (held until `start`) against `db`. */
  readonly worker: (
    db: Pick<Database, 'transaction'>,
    logger: Logger,
  ) => QueueWorker & {
    /** Resolves once nothing is waiting, retrying or running (tests). */
    idle(): Promise<void>;
  };
}

/**
 * The queue without Redis (REDIS_URL unset in development, and in tests): the jobs run in this
 * process with the same retries, backoff, idempotency keys, effects-once and dead letters, but
 * nothing survives a restart. Production always has Redis (REDIS_URL is required there).
 */
export function createInProcessQueue(options: {
  readonly registry: ReturnType<typeof jobRegistry>;
  readonly metrics: QueueMetrics;
  readonly attempts: number;
  readonly backoffMs: number;
}): InProcessQueue {
  const { registry, metrics } = options;
  const held: Entry[] = [];
  /** Idempotency keys seen, per job name: enqueueing again is a no-op. */
  const seen = new Set<string>();
  const deadLetters: { readonly letter: DeadLetter; readonly entry: Entry }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let execute: ((entry: Entry) => void) | undefined;
  let pendingRetries = 0;

  const queue: JobQueue = {
    register: (job) => registry.register(job),
    async enqueue(job, payload, { idempotencyKey, delayMs = 0 }) {
      const key = `${job.name}\n${idempotencyKey}`;
      const id = `${job.name}.${randomUUID()}`;
      if (seen.has(key)) return { id };
      seen.add(key);
      const entry: Entry = {
        id,
        job,
        data: { payload, idempotencyKey, trace: currentTraceCarrier() },
        enqueuedAt: new Date(),
        failedAttempts: 0,
      };
      metrics.enqueued(job.name);
      if (delayMs > 0) later(entry, delayMs);
      else if (execute === undefined) held.push(entry);
      else execute(entry);
      return { id };
    },
  };

  function later(entry: Entry, ms: number): void {
    pendingRetries += 1;
    const timer = setTimeout(() => {
      timers.delete(timer);
      pendingRetries -= 1;
      if (execute === undefined) held.push(entry);
      else execute(entry);
    }, ms);
    timers.add(timer);
  }

  return {
    queue,
    worker(db, logger) {
      const stopping = new AbortController();
      const attemptsOf = (entry: Entry) => entry.job.attempts ?? options.attempts;
      const run = async (entry: Entry): Promise<void> => {
        try {
          // Like the worker process: the job runs as registered under its name.
          const registered = registry.find(entry.job.name);
          if (registered === undefined) {
            throw new PermanentJobError(`no job named ${entry.job.name} is registered`);
          }
          await runJob(
            {
              job: registered,
              id: entry.id,
              queue: 'in-process',
              data: entry.data,
              attempt: entry.failedAttempts + 1,
            },
            { db, logger, metrics, stopping: stopping.signal },
          );
        } catch (error) {
          if (error instanceof JobHandedBack) return; // lost with the process, as documented
          entry.failedAttempts += 1;
          if (error instanceof PermanentJobError || entry.failedAttempts >= attemptsOf(entry)) {
            metrics.deadLettered(entry.job.name);
            logger.error(
              { job: entry.job.name, 'job.id': entry.id, 'job.attempts': entry.failedAttempts },
              'job dead-lettered after its last attempt',
            );
            deadLetters.unshift({
              entry,
              letter: {
                id: entry.id,
                name: entry.job.name,
                idempotencyKey: entry.data.idempotencyKey,
                attempts: entry.failedAttempts,
                reason: error instanceof Error ? error.message : String(error),
                enqueuedAt: entry.enqueuedAt.toISOString(),
                failedAt: new Date().toISOString(),
              },
            });
            return;
          }
          later(
            entry,
            retryDelayMs(entry.job.backoffMs ?? options.backoffMs, entry.failedAttempts),
          );
        }
      };
      const start = (entry: Entry) => {
        const promise = run(entry).finally(() => running.delete(promise));
        running.add(promise);
      };
      return {
        start() {
          execute = start;
          for (const entry of held.splice(0)) start(entry);
        },
        async stop(timeoutMs) {
          execute = undefined;
          for (const timer of timers) clearTimeout(timer);
          timers.clear();
          const all = Promise.all(running);
          let timer: NodeJS.Timeout | undefined;
          const finished = await Promise.race([
            all.then(() => true),
            new Promise<boolean>((resolve) => {
              timer = setTimeout(() => resolve(false), timeoutMs);
            }),
          ]);
          clearTimeout(timer);
          if (!finished) {
            stopping.abort();
            await all;
          }
        },
        async deadLetters(limit) {
          return deadLetters.slice(0, limit).map(({ letter }) => letter);
        },
        async retry(id) {
          const index = deadLetters.findIndex(({ letter }) => letter.id === id);
          if (index < 0) return false;
          const { entry } = deadLetters.splice(index, 1)[0]!;
          entry.failedAttempts = 0;
          if (execute === undefined) held.push(entry);
          else execute(entry);
          return true;
        },
        async idle() {
          // Polls: a retry waiting on its backoff timer is not a promise to wait for.
          while (running.size > 0 || pendingRetries > 0) {
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        },
      };
    },
  };
}
