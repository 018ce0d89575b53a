import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Database } from '../database/database.ts';
import { exceptionFields, type Logger } from '../logger.ts';
import { applyOnce } from './job-effects.ts';
import type { JobDefinition } from './job-queue.ts';
import type { QueueMetrics } from './queue-metrics.ts';
import { contextFromCarrier, type TraceCarrier } from './trace-context.ts';

/** What a queue stores per job, besides its name and id. */
export interface JobData {
  readonly payload: unknown;
  readonly idempotencyKey: string;
  /** The enqueuing span's context (trace-context.ts). */
  readonly trace?: TraceCarrier;
}

export interface JobRunInput {
  readonly job: JobDefinition<unknown>;
  readonly id: string;
  readonly queue: string;
  readonly data: JobData;
  readonly attempt: number;
}

export interface RunDependencies {
  readonly db: Pick<Database, 'transaction'>;
  readonly logger: Logger;
  readonly metrics: QueueMetrics;
  /** Aborts when the process stops: the run is then handed back, not failed. */
  readonly stopping: AbortSignal;
  /** An outside cancellation (BullMQ's cancelJob); counts as a failure. */
  readonly cancelled?: AbortSignal | undefined;
}

/** The run was interrupted by the process stopping: the queue gets the job back, unharmed. */
export class JobHandedBack extends Error {
  constructor(name: string) {
    super(`job ${name} was interrupted by shutdown and handed back to the queue`);
    this.name = 'JobHandedBack';
  }
}

const tracer = trace.getTracer('jobs');

/**
 * One run of one job: a CONSUMER span in the trace of the request that enqueued it, the job's
 * timeout, a log line, the metrics. Rejects with the job's error (the queue retries or
 * dead-letters it) or with JobHandedBack when the process is stopping.
 */
export function runJob(input: JobRunInput, deps: RunDependencies): Promise<void> {
  const { job, data } = input;
  const parent = contextFromCarrier(data.trace);
  return tracer.startActiveSpan(
    `process ${job.name}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': input.queue,
        'messaging.message.id': input.id,
        'job.name': job.name,
        'job.attempt': input.attempt,
      },
    },
    parent,
    async (span) => {
      const started = performance.now();
      const signal = AbortSignal.any([
        deps.stopping,
        AbortSignal.timeout(job.timeoutMs),
        ...(deps.cancelled ? [deps.cancelled] : []),
      ]);
      const logger = deps.logger.child({
        job: job.name,
        'job.id': input.id,
        'job.attempt': input.attempt,
      });
      try {
        await job.run(data.payload, {
          signal,
          attempt: input.attempt,
          idempotencyKey: data.idempotencyKey,
          logger,
          once: applyOnce(deps.db, job.name, data.idempotencyKey, signal),
        });
        const seconds = (performance.now() - started) / 1000;
        deps.metrics.completed(job.name, seconds);
        logger.info({ durationMs: Math.round(seconds * 1000) }, 'job completed');
      } catch (error) {
        const seconds = (performance.now() - started) / 1000;
        if (deps.stopping.aborted) {
          span.setAttribute('job.handed_back', true);
          logger.warn('job interrupted by shutdown; handed back to the queue');
          throw new JobHandedBack(job.name);
        }
        deps.metrics.failed(job.name, seconds);
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        logger.warn(
          { ...exceptionFields(error), durationMs: Math.round(seconds * 1000) },
          'job attempt failed',
        );
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
