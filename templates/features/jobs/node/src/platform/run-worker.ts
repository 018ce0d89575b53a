/**
 * The worker process around the job queue, the same for every Node target: configuration (fail
 * fast) → logger → features → database → the modules' jobs → health endpoints → run, and on
 * SIGTERM/SIGINT: readiness fails, running jobs finish (WORKER_STOP_TIMEOUT_MS) or are handed
 * back to the queue, then connections close. src/worker.ts supplies how to register the jobs.
 */
import { once } from 'node:events';
import closeWithGrace from 'close-with-grace';
import { ConfigError, type Config } from './config.ts';
import { exitOnConfigError, loadConfigOrExit } from './config-failure.ts';
import { createDatabase } from './database/create-database.ts';
import { databaseCheck } from './health/database-check.ts';
import { startFeatures } from './features.ts';
import { createLifecycle } from './lifecycle.ts';
import { createLogger, type Logger } from './logger.ts';
import { createPostgresDeadLetterStore } from './events/dead-letters.ts';
import { createEventBus } from './events/event-bus.ts';
import { createJobScheduler } from './jobs/job-scheduler.ts';
import type { ModuleDependencies } from './module-dependencies.ts';
import { createWorkerHttpServer } from './queue/worker-http.ts';
import type { CleanupStep } from './shutdown.ts';
import { shutdownTelemetry } from './telemetry/sdk.ts';

export interface WorkerDefinition {
  /**
   * Registers every module's jobs on `deps.queue`: the modules' `setup` does it, as in the web
   * process; the routes it returns are not served here, and timer jobs (deps.jobs) stay in the
   * web process.
   */
  readonly registerJobs: (deps: ModuleDependencies) => void;
}

async function runSteps(steps: readonly CleanupStep[], logger: Logger): Promise<void> {
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      step.run().then(
        () => true,
        (error: unknown) => {
          logger.warn({ err: error, step: step.name }, 'shutdown step failed');
          return true;
        },
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), step.timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!finished)
      logger.warn({ step: step.name, timeout_ms: step.timeoutMs }, 'shutdown step timed out');
  }
}

async function start(
  config: Config,
  logger: Logger,
  { registerJobs }: WorkerDefinition,
): Promise<void> {
  const features = startFeatures({ env: process.env, config, logger });
  if (features.jobWorker === undefined) {
    logger.info(
      'REDIS_URL is not set: jobs run inside the web process (npm run dev); the worker has nothing to do',
    );
    return;
  }
  const db = await createDatabase(config.database, logger);
  // Jobs may publish events: their handlers run here, and undelivered ones are dead-lettered on stop.
  const events = createEventBus({ logger, deadLetters: createPostgresDeadLetterStore(db) });
  registerJobs({ db, logger, events, jobs: createJobScheduler(logger), ...features.dependencies });
  const { worker, readinessChecks, cleanup } = features.jobWorker(db);
  const lifecycle = createLifecycle();
  const server = createWorkerHttpServer({
    service: config.service,
    lifecycle,
    checks: [databaseCheck(db), ...readinessChecks],
    checkTimeoutMs: config.health.checkTimeoutMs,
    worker,
    logger,
  });

  // Jobs first (they use the database and Redis), the probes last but one, so that /livez
  // answers while running jobs finish; then the features' connections, the database, telemetry.
  const steps: CleanupStep[] = [
    ...cleanup,
    {
      name: 'worker endpoints',
      run: () => new Promise<void>((resolve) => server.close(() => resolve())),
      timeoutMs: 1000,
    },
    { name: 'events', run: () => events.drain(2000), timeoutMs: 4000 },
    ...features.cleanup,
    { name: 'database', run: () => db.close(), timeoutMs: 2000 },
    { name: 'telemetry', run: shutdownTelemetry, timeoutMs: 2000 },
  ];
  closeWithGrace(
    {
      delay: steps.reduce((sum, step) => sum + step.timeoutMs, 0) + 1000,
      logger: {
        error: (message: unknown) => logger.error({ err: message }, 'shutdown did not complete'),
      },
    },
    async ({ signal, err }) => {
      if (err !== undefined) logger.fatal({ err }, 'uncaught error; shutting down');
      lifecycle.startDraining();
      logger.info({ reason: signal ?? 'error' }, 'worker shutdown started');
      server.closeIdleConnections();
      await runSteps(steps, logger);
      logger.info('worker shutdown complete');
      if (err !== undefined) process.exit(1);
    },
  );

  server.listen(config.http.port, config.http.host);
  await once(server, 'listening');
  worker.start();
  logger.info({ 'server.port': config.http.port }, 'job worker started');
}

/** Runs the worker until a signal or a crash ends it; exits 1 on a startup failure. */
export async function runWorker(definition: WorkerDefinition): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, config.service);
  try {
    await start(config, logger, definition);
  } catch (error) {
    if (error instanceof ConfigError) exitOnConfigError(error);
    logger.fatal({ err: error }, 'worker startup failed');
    await shutdownTelemetry();
    process.exit(1);
  }
}
