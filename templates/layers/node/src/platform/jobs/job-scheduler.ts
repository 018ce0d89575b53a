import { SpanStatusCode, trace } from '@opentelemetry/api';
import { exceptionFields, type Logger } from '../logger.ts';

/**
 * A background job run every `everyMs` in this process. Every replica runs it, so the job must be
 * safe to run concurrently with itself elsewhere (idempotent, or guarded by a database lock).
 */
export interface ScheduledJob {
  /** `<module>.<job>`: names the job in logs and spans. */
  readonly name: string;
  readonly everyMs: number;
  /** The run's signal aborts after this long, or when the process shuts down. */
  readonly timeoutMs: number;
  run(signal: AbortSignal): Promise<void>;
}

export interface JobScheduler {
  schedule(job: ScheduledJob): void;
  /** Starts the timers (main.ts, once the server listens). Tests call `runNow` instead. */
  start(): void;
  /** Runs a job once now and rejects if it fails (tests, one-off admin runs). */
  runNow(name: string): Promise<void>;
  /** Stops the timers, aborts running jobs and waits up to `timeoutMs` for them to return. */
  stop(timeoutMs: number): Promise<void>;
}

const tracer = trace.getTracer('job-scheduler');

export function createJobScheduler(logger: Logger): JobScheduler {
  const jobs = new Map<string, ScheduledJob>();
  const running = new Map<string, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const stopping = new AbortController();

  function execute(job: ScheduledJob): Promise<void> {
    const signal = AbortSignal.any([stopping.signal, AbortSignal.timeout(job.timeoutMs)]);
    const run = tracer
      .startActiveSpan(
        `job ${job.name}`,
        { root: true, attributes: { 'job.name': job.name } },
        async (span) => {
          const started = performance.now();
          try {
            await job.run(signal);
            logger.info(
              { job: job.name, durationMs: Math.round(performance.now() - started) },
              'job finished',
            );
          } catch (error) {
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({ code: SpanStatusCode.ERROR });
            logger.error({ job: job.name, ...exceptionFields(error) }, 'job failed');
            throw error;
          } finally {
            span.end();
          }
        },
      )
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  }

  function tick(job: ScheduledJob): void {
    if (running.has(job.name)) {
      // Never overlap with the previous run of the same job.
      logger.warn({ job: job.name }, 'job still running; skipping this run');
      return;
    }
    // A failed run is logged above; the next tick tries again.
    execute(job).catch(() => undefined);
  }

  return {
    schedule(job) {
      if (jobs.has(job.name)) throw new Error(`job ${job.name} is already scheduled`);
      if (!(job.everyMs > 0) || !(job.timeoutMs > 0)) {
        throw new Error(`job ${job.name}: everyMs and timeoutMs must be positive`);
      }
      jobs.set(job.name, job);
    },

    start() {
      for (const job of jobs.values()) {
        // unref: a pending job never keeps a shutting-down process alive.
        timers.push(setInterval(() => tick(job), job.everyMs).unref());
      }
    },

    async runNow(name) {
      const job = jobs.get(name);
      if (job === undefined) throw new Error(`no job named ${name}`);
      await (running.get(name) ?? execute(job));
    },

    async stop(timeoutMs) {
      for (const timer of timers) clearInterval(timer);
      stopping.abort();
      const pending = [...running.values()].map((run) => run.catch(() => undefined));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(pending),
        new Promise((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (running.size > 0) {
        logger.error(
          { jobs: [...running.keys()] },
          'jobs did not stop in time after being aborted',
        );
      }
    },
  };
}
