/**
 * Production entry point: `node --import ./dist/telemetry.js ./dist/main.js` (node is PID 1, so
 * SIGTERM arrives here directly). Order: configuration (fail fast) → logger → database → app →
 * signal handling → listen → background jobs.
 */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { appModules } from './modules.ts';
import { migrationSources } from './platform/app-module.ts';
import type { Config } from './platform/config.ts';
import { loadConfigOrExit } from './platform/config-failure.ts';
import { createDatabase } from './platform/database/create-database.ts';
import { runMigrations } from './platform/database/migrations.ts';
import { createPostgresDeadLetterStore } from './platform/events/dead-letters.ts';
import { createEventBus } from './platform/events/event-bus.ts';
import { createJobScheduler } from './platform/jobs/job-scheduler.ts';
import { createLifecycle } from './platform/lifecycle.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { gracefulShutdown, type CleanupStep } from './platform/shutdown.ts';
import { shutdownTelemetry } from './platform/telemetry/sdk.ts';

async function start(config: Config, logger: Logger): Promise<void> {
  const db = await createDatabase(config.database, logger);
  if (config.database.runMigrationsOnStart) {
    await runMigrations(db, migrationSources(appModules), logger);
  }
  const lifecycle = createLifecycle();
  const events = createEventBus({ logger, deadLetters: createPostgresDeadLetterStore(db) });
  const jobs = createJobScheduler(logger);
  const app = await buildApp({ config, db, logger, lifecycle, events, jobs });

  const { delayMs, timeoutMs } = config.shutdown;
  // Run in order after the server has drained. Jobs and event handlers still use the database,
  // so they stop first; undelivered events are dead-lettered, not dropped.
  const cleanup: CleanupStep[] = [
    { name: 'jobs', run: () => jobs.stop(2000), timeoutMs: 2500 },
    { name: 'events', run: () => events.drain(2000), timeoutMs: 4000 },
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
          server: {
            close: () => app.close(),
            closeAllConnections: () => app.server.closeAllConnections(),
            inFlightRequests: () => app.inFlightRequests(),
          },
          cleanup,
          logger,
        },
        signal ?? 'error',
      );
      // close-with-grace exits 0 after this callback; aborted requests or a crash deserve 1.
      if (forced || err !== undefined) process.exit(1);
    },
  );

  await app.listen({ host: config.http.host, port: config.http.port });
  jobs.start();
}

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel, config.service);
try {
  await start(config, logger);
} catch (error) {
  // Dependencies being down is not a startup error (readiness reports it); this is for bugs,
  // a taken port or a failing migration in development.
  logger.fatal({ err: error }, 'startup failed');
  await shutdownTelemetry();
  process.exit(1);
}
