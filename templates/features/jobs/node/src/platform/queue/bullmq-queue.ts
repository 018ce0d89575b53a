import { createHash } from 'node:crypto';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '../database/database.ts';
import { UnavailableError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import {
  PermanentJobError,
  type DeadLetter,
  type JobQueue,
  type jobRegistry,
} from './job-queue.ts';
import type { QueueConfig } from './queue-config.ts';
import type { QueueMetrics } from './queue-metrics.ts';
import { JobHandedBack, runJob, type JobData } from './run-job.ts';
import { currentTraceCarrier } from './trace-context.ts';

/** One queue per service; job names (`<module>.<job>`) tell the jobs apart. */
export const QUEUE_NAME = 'jobs';

type Registry = ReturnType<typeof jobRegistry>;

export interface QueueSettings {
  /** Start of every key (`<prefix>:jobs:...`), so that services can share one Redis. */
  readonly prefix: string;
  readonly config: QueueConfig;
  readonly metrics: QueueMetrics;
}

/**
 * BullMQ job ids may not contain ':', and an idempotency key may: the id is a digest of the job
 * name and the key, so the same key enqueued twice names the same job and BullMQ keeps one.
 */
export function jobIdFor(name: string, idempotencyKey: string): string {
  return `${name}.${createHash('sha256').update(`${name}\n${idempotencyKey}`).digest('base64url').slice(0, 32)}`;
}

const tracer = trace.getTracer('jobs');

/** The producer half (every process): stores jobs on the queue in Redis. */
export function createBullmqQueue(
  connection: Redis,
  registry: Registry,
  { prefix, config, metrics }: QueueSettings,
): JobQueue & { close(): Promise<void> } {
  // BullMQ initialises a queue with commands of its own; on a connection without an offline queue
  // they fail unless it is connected, and the queue stays broken. So it is made once connected.
  let queue: Queue | undefined;
  const open = () => {
    queue ??= new Queue(QUEUE_NAME, { connection, prefix });
    // Errors surface on the enqueue that hit them; the connection's own are logged by its owner.
    queue.on('error', () => {});
  };
  if (connection.status === 'ready') open();
  else connection.once('ready', open);

  return {
    register: (job) => registry.register(job),
    enqueue(job, payload, options) {
      return tracer.startActiveSpan(
        `send ${job.name}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'bullmq',
            'messaging.operation.type': 'send',
            'messaging.destination.name': QUEUE_NAME,
            'job.name': job.name,
          },
        },
        async (span) => {
          try {
            if (queue === undefined)
              throw new Error('the job queue has not connected to Redis yet');
            const data: JobData = {
              payload,
              idempotencyKey: options.idempotencyKey,
              // Inside the PRODUCER span: the job's span becomes its child, in the request's trace.
              trace: currentTraceCarrier(),
            };
            const id = jobIdFor(job.name, options.idempotencyKey);
            span.setAttribute('messaging.message.id', id);
            await queue.add(job.name, data, {
              jobId: id,
              attempts: job.attempts ?? config.attempts,
              backoff: { type: 'exponential', delay: job.backoffMs ?? config.backoffMs },
              ...(options.delayMs === undefined ? {} : { delay: options.delayMs }),
              removeOnComplete: { age: config.keepCompletedSeconds },
              removeOnFail: { count: config.keepDeadLetters },
            });
            metrics.enqueued(job.name);
            return { id };
          } catch (error) {
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({ code: SpanStatusCode.ERROR });
            // A request that enqueues answers 503 with Retry-After (problem details), not 500.
            throw new UnavailableError('The job queue is unavailable; try again shortly.', {
              cause: error,
              retryAfterSeconds: 2,
            });
          } finally {
            span.end();
          }
        },
      );
    },
    async close() {
      connection.off('ready', open);
      await queue?.close();
    },
  };
}

/** What the worker process drives (run-worker.ts) and its dead-letter view reads. */
export interface QueueWorker {
  start(): void;
  /** Lets running jobs finish for up to `timeoutMs`, then hands the rest back to the queue. */
  stop(timeoutMs: number): Promise<void>;
  /** Most recent first. */
  deadLetters(limit: number): Promise<DeadLetter[]>;
  /** Puts a dead letter back on the queue for a fresh set of attempts; false if there is none. */
  retry(id: string): Promise<boolean>;
}

function deadLetterOf(job: Job): DeadLetter {
  const data = job.data as Partial<JobData>;
  return {
    id: job.id ?? '',
    name: job.name,
    idempotencyKey: data.idempotencyKey ?? '',
    attempts: job.attemptsMade,
    reason: job.failedReason,
    enqueuedAt: new Date(job.timestamp).toISOString(),
    failedAt: job.finishedOn === undefined ? undefined : new Date(job.finishedOn).toISOString(),
  };
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]);
  clearTimeout(timer);
  return result;
}

/** The consumer half (the worker process): runs the registered jobs, `concurrency` at a time. */
export function createBullmqWorker(
  connection: Redis,
  registry: Registry,
  { prefix, config, metrics }: QueueSettings,
  { db, logger }: { readonly db: Pick<Database, 'transaction'>; readonly logger: Logger },
): QueueWorker {
  const stopping = new AbortController();
  // For the dead-letter view; the worker's connection queues commands until it is connected.
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  queue.on('error', () => {});
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job, token?: string, cancelled?: AbortSignal) => {
      const definition = registry.find(job.name);
      if (definition === undefined) {
        throw new UnrecoverableError(`no job named ${job.name} is registered in this worker`);
      }
      try {
        await runJob(
          {
            job: definition,
            id: job.id ?? '',
            queue: QUEUE_NAME,
            data: job.data as JobData,
            attempt: job.attemptsMade + 1,
          },
          { db, logger, metrics, stopping: stopping.signal, cancelled },
        );
      } catch (error) {
        if (error instanceof JobHandedBack) {
          // Back to the waiting list without using an attempt; another worker takes it.
          await job.moveToWait(token);
          throw new WaitingError();
        }
        if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    {
      connection,
      prefix,
      concurrency: config.concurrency,
      autorun: false,
      // A killed worker's jobs are back on the queue after at most ~2 lock durations.
      lockDuration: config.lockMs,
      stalledInterval: config.lockMs,
      // A job whose worker died twice while running it (it may be what kills the worker) is failed.
      maxStalledCount: 1,
    },
  );
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    const final =
      error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    metrics.deadLettered(job.name);
    logger.error(
      { job: job.name, 'job.id': job.id, 'job.attempts': job.attemptsMade, reason: error.message },
      'job dead-lettered after its last attempt',
    );
  });
  worker.on('error', (error) => logger.warn({ err: error }, 'job worker error'));

  return {
    start() {
      worker.run().catch((error: unknown) => logger.error({ err: error }, 'job worker stopped'));
    },

    async stop(timeoutMs) {
      const closing = worker.close();
      if (!(await settlesWithin(closing, timeoutMs))) {
        logger.warn({ timeoutMs }, 'jobs still running at the stop timeout; handing them back');
        stopping.abort();
        await settlesWithin(closing, 5000);
      }
      await queue.close();
    },

    async deadLetters(limit) {
      const failed = await queue.getFailed(0, limit - 1);
      return failed.map((job) => deadLetterOf(job as Job));
    },

    async retry(id) {
      const job = await queue.getJob(id);
      if (job === undefined || !(await job.isFailed())) return false;
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    },
  };
}
