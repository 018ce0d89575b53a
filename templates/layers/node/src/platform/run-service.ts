/**
 * The process around the HTTP server, the same for every Node target: configuration (fail fast) →
 * logger → database → app → signal handling → listen → background jobs, and the reverse on
 * SIGTERM/SIGINT or a crash. src/main.ts supplies only how to build and start its framework's server.
 */
import closeWithGrace from 'close-with-grace';
import { ConfigError, type Config } from './config.ts';
import { exitOnConfigError, loadConfigOrExit } from './config-failure.ts';
import { createDatabase } from './database/create-database.ts';
import type { Database } from './database/database.ts';
import { runMigrations } from './database/migrations.ts';
import { createPostgresDeadLetterStore } from './events/dead-letters.ts';
import { createEventBus, type EventBus } from './events/event-bus.ts';
import { startFeatures, type PlatformFeatures } from './features.ts';
import { createJobScheduler, type JobScheduler } from './jobs/job-scheduler.ts';
import { createLifecycle, type Lifecycle } from './lifecycle.ts';
import { createLogger, type Logger } from './logger.ts';
import { migrationSources, type MigratingModule } from './module-dependencies.ts';
import { gracefulShutdown, type CleanupStep, type DrainableServer } from './shutdown.ts';
import { shutdownTelemetry } from './telemetry/sdk.ts';

/** What the composition root (src/app.ts) is built from. */
export interface ServiceDependencies {
  readonly config: Config;
  readonly db: Database;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly events: EventBus;
  readonly jobs: JobScheduler;
  /** What the project's optional features add (features.ts): module dependencies, probes. */
  readonly features: PlatformFeatures;
}

/** A built HTTP server that shutdown can drain; `listen` binds `config.http.host:port`. */
export interface StartableServer extends DrainableServer {
  listen(): Promise<unknown>;
}

/** What src/main.ts passes: the modules (for migrations) and how to build its framework's server. */
export interface ServiceDefinition {
  readonly modules: readonly MigratingModule[];
  readonly createServer: (deps: ServiceDependencies) => Promise<StartableServer>;
}

async function start(
  config: Config,
  logger: Logger,
  { modules, createServer }: ServiceDefinition,
): Promise<void> {
  // First, so that a feature's invalid configuration fails fast like the rest.
  const features = startFeatures({ env: process.env, config, logger });
  const db = await createDatabase(config.database, logger);
  if (config.database.runMigrationsOnStart) {
    await runMigrations(db, migrationSources(modules), logger);
  }
  const lifecycle = createLifecycle();
  const events = createEventBus({ logger, deadLetters: createPostgresDeadLetterStore(db) });
  const jobs = createJobScheduler(logger);
  const server = await createServer({ config, db, logger, lifecycle, events, jobs, features });

  const { delayMs, timeoutMs } = config.shutdown;
  // Run in order after the server has drained. Jobs and event handlers still use the database,
  // so they stop first; undelivered events are dead-lettered, not dropped.
  const cleanup: CleanupStep[] = [
    { name: 'jobs', run: () => jobs.stop(2000), timeoutMs: 2500 },
    { name: 'events', run: () => events.drain(2000), timeoutMs: 4000 },
    ...features.cleanup,
    { name: 'database', run: () => db.close(), timeoutMs: 2000 },
    { name: 'telemetry', run: shutdownTelemetry, timeoutMs: 2000 },
  ];
  const cleanupBudgetMs = cleanup.reduce((sum, step) => sum + step.timeoutMs, 0);
  closeWithGrace(
    {
      // Last resort if a cleanup step hangs despite its own bounds.
      delay: delayMs + timeoutMs + cleanupBudgetMs + 1000,
      logger: {
        error: (message: unknown) => logger.error({ err: message }, 'shutdown did not complete'),
      },
    },
    async ({ signal, err }) => {
      if (err !== undefined) logger.fatal({ err }, 'uncaught error; shutting down');
      const { forced } = await gracefulShutdown(
        {
          // A crashed process should not linger in the readiness window.
          delayMs: err === undefined ? delayMs : 0,
          timeoutMs,
          lifecycle,
          server,
          cleanup,
          logger,
        },
        signal ?? 'error',
      );
      // close-with-grace exits 0 after this callback; aborted requests or a crash deserve 1.
      if (forced || err !== undefined) process.exit(1);
    },
  );

  await server.listen();
  jobs.start();
  features.startBackground?.(db);
}

/** Runs the service until a signal or a crash ends it; exits 1 on a startup failure. */
export async function runService(service: ServiceDefinition): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, config.service);
  try {
    await start(config, logger, service);
  } catch (error) {
    if (error instanceof ConfigError) exitOnConfigError(error);
    // Dependencies being down is not a startup error (readiness reports it); this is for bugs,
    // a taken port or a failing migration in development.
    logger.fatal({ err: error }, 'startup failed');
    await shutdownTelemetry();
    process.exit(1);
  }
}
