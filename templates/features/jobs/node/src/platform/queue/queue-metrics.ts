import { metrics } from '@opentelemetry/api';

/**
 * jobs.enqueued, jobs.completed, jobs.failed (one per failed attempt), jobs.dead_lettered and the
 * jobs.duration histogram (Prometheus: jobs_enqueued_total, ..., jobs_duration_seconds), labelled
 * with the job name. Created after the OpenTelemetry SDK started (telemetry.ts runs first).
 */
export interface QueueMetrics {
  enqueued(job: string): void;
  completed(job: string, seconds: number): void;
  failed(job: string, seconds: number): void;
  deadLettered(job: string): void;
}

export function openTelemetryQueueMetrics(): QueueMetrics {
  const meter = metrics.getMeter('jobs');
  const enqueued = meter.createCounter('jobs.enqueued', {
    description:
      'Jobs put on the queue (an enqueue repeated with the same idempotency key counts again)',
    unit: '{job}',
  });
  const completed = meter.createCounter('jobs.completed', {
    description: 'Job runs that succeeded',
    unit: '{job}',
  });
  const failed = meter.createCounter('jobs.failed', {
    description: 'Job runs that failed (each failed attempt counts)',
    unit: '{job}',
  });
  const deadLettered = meter.createCounter('jobs.dead_lettered', {
    description: 'Jobs that failed every attempt and were kept as dead letters',
    unit: '{job}',
  });
  const duration = meter.createHistogram('jobs.duration', {
    description: 'Duration of one job run',
    unit: 's',
    advice: { explicitBucketBoundaries: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300] },
  });
  return {
    enqueued: (job) => enqueued.add(1, { job }),
    completed: (job, seconds) => {
      completed.add(1, { job });
      duration.record(seconds, { job, outcome: 'success' });
    },
    failed: (job, seconds) => {
      failed.add(1, { job });
      duration.record(seconds, { job, outcome: 'failure' });
    },
    deadLettered: (job) => deadLettered.add(1, { job }),
  };
}

/** For tests and the in-process queue when nothing reads the numbers. */
export const noQueueMetrics: QueueMetrics = {
  enqueued: () => {},
  completed: () => {},
  failed: () => {},
  deadLettered: () => {},
};
