/**
 * Background jobs on a queue (docs/jobs.md). A module defines a job, registers it in `setup`, and
 * enqueues it from a request or an event handler; a separate worker process (src/worker.ts) runs
 * it, so slow or CPU-bound work never holds a request:
 *
 *   export const countWords = defineJob<{ noteId: string }>({
 *     name: 'notes.count-words',
 *     timeoutMs: 30_000,
 *     async run({ noteId }, job) {
 *       const stats = ...; // the work: pass job.signal on to anything that can be cancelled
 *       await job.once((tx) => tx.query('INSERT ...', [...])); // the effect, applied once
 *     },
 *   });
 *   deps.queue.register(countWords);
 *   await deps.queue.enqueue(countWords, { noteId }, { idempotencyKey: `note:${noteId}` });
 *
 * What it guarantees:
 * - At-least-once delivery: a job is retried with exponential backoff until it succeeds or has
 *   used its attempts; a worker that dies mid-job gives it back once its lock expires.
 * - Effects once: `job.once(effect)` runs the effect in a transaction together with a row keyed by
 *   the job's idempotency key, so a job that runs again skips what it already applied.
 * - Enqueue once: the same idempotency key enqueued again (a retried request) is the same job.
 * - Dead letters: a job that failed every attempt (or threw PermanentJobError) is kept for a
 *   person to look at and retry (GET /dead-letters on the worker).
 * - Trace context: the job's span is a child of the span that enqueued it.
 */
import type { Queryable } from '../database/database.ts';
import type { Logger } from '../logger.ts';

export interface JobContext {
  /** Aborts on the job's timeout and when the worker stops; pass it to queries and fetches. */
  readonly signal: AbortSignal;
  /** 1 on the first run. */
  readonly attempt: number;
  readonly idempotencyKey: string;
  readonly logger: Logger;
  /**
   * Applies `effect` exactly once per job name and idempotency key: in one transaction with a
   * row in job_effects, so a retry after a crash or a failure further on never repeats it.
   * `applied` is false when an earlier run already applied it.
   */
  once<T>(effect: (tx: Queryable) => Promise<T>): Promise<{ applied: boolean; value?: T }>;
}

export interface JobDefinition<Payload> {
  /** `<module>.<job>`: names the job in the queue, logs, spans and metrics. */
  readonly name: string;
  /** One run's signal aborts after this long; the run then counts as a failed attempt. */
  readonly timeoutMs: number;
  /** Attempts before the job is dead-lettered; JOB_ATTEMPTS by default. */
  readonly attempts?: number;
  /** Delay before the second attempt, doubled for each further one; JOB_BACKOFF_MS by default. */
  readonly backoffMs?: number;
  /** Must be JSON: it is stored in Redis until the job has run. */
  run(payload: Payload, job: JobContext): Promise<void>;
}

export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(definition.name)) {
    throw new Error(`job name ${JSON.stringify(definition.name)} must look like <module>.<job>`);
  }
  if (!(definition.timeoutMs > 0))
    throw new Error(`job ${definition.name}: timeoutMs must be positive`);
  return definition;
}

/** Thrown by a job that can never succeed (invalid payload, a record that is gone): no more attempts. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

export interface EnqueueOptions {
  /**
   * What makes two enqueues the same job, e.g. `note:<id>`: enqueueing again with the same key
   * (a client retrying its request) does nothing, and the job's effects are applied once per key.
   */
  readonly idempotencyKey: string;
  /** Run no earlier than this many milliseconds from now. */
  readonly delayMs?: number;
}

export interface EnqueuedJob {
  readonly id: string;
}

/** What modules receive (ModuleDependencies.queue). */
export interface JobQueue {
  /** Makes the job runnable by this process's worker; call it in the module's `setup`. */
  register<Payload>(job: JobDefinition<Payload>): void;
  /** Stores the job (returns once it is in the queue); rejects when the queue is unreachable. */
  enqueue<Payload>(
    job: JobDefinition<Payload>,
    payload: Payload,
    options: EnqueueOptions,
  ): Promise<EnqueuedJob>;
}

/** A job that failed every attempt, as the dead-letter view shows it (no payload: it may hold personal data). */
export interface DeadLetter {
  readonly id: string;
  readonly name: string;
  readonly idempotencyKey: string;
  readonly attempts: number;
  readonly reason: string;
  readonly enqueuedAt: string;
  readonly failedAt: string | undefined;
}

/** The registry both halves share: the web process enqueues from it, the worker runs from it. */
export function jobRegistry(): {
  register<Payload>(job: JobDefinition<Payload>): void;
  find(name: string): JobDefinition<unknown> | undefined;
  names(): string[];
} {
  const jobs = new Map<string, JobDefinition<unknown>>();
  return {
    register(job) {
      const known = jobs.get(job.name);
      // `run` is a method, so a JobDefinition<Payload> is a JobDefinition<unknown> to the map.
      if (known !== undefined && known !== job) {
        throw new Error(`job ${job.name} is already registered`);
      }
      jobs.set(job.name, job);
    },
    find: (name) => jobs.get(name),
    names: () => [...jobs.keys()],
  };
}

/** Exponential backoff: `backoffMs`, then twice that, and so on (what BullMQ's `exponential` does). */
export function retryDelayMs(backoffMs: number, failedAttempts: number): number {
  return backoffMs * 2 ** Math.max(0, failedAttempts - 1);
}
