/**
 * Production entry point: `node --import ./dist/telemetry.js ./dist/main.js` (node is PID 1, so
 * SIGTERM arrives here directly). Order: configuration (fail fast) → logger → database → app →
 * signal handling → listen.
 */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { appModules } from './modules.ts';
import { migrationSources } from './platform/app-module.ts';
import type { Config } from './platform/config.ts';
import { loadConfigOrExit } from './platform/config-failure.ts';
import { createDatabase } from './platform/database/create-database.ts';
import { runMigrations } from './platform/database/migrations.ts';
import { createLifecycle } from './platform/lifecycle.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { gracefulShutdown } from './platform/shutdown.ts';
import { shutdownTelemetry } from './platform/telemetry/sdk.ts';

async function start(config: Config, logger: Logger): Promise<void> {
  const db = await createDatabase(config.database, logger);
  if (config.database.runMigrationsOnStart) {
    await runMigrations(db, migrationSources(appModules), logger);
  }
  const lifecycle = createLifecycle();
  const app = await buildApp({ config, db, logger, lifecycle });

  const { delayMs, timeoutMs } = config.shutdown;
  closeWithGrace(
    {
      // Last resort if a cleanup step hangs despite its own bounds.
      delay: delayMs + timeoutMs + 5000,
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
          cleanup: [
            { name: 'database', run: () => db.close(), timeoutMs: 2000 },
            { name: 'telemetry', run: shutdownTelemetry, timeoutMs: 2000 },
          ],
          logger,
        },
        signal ?? 'error',
      );
      // close-with-grace exits 0 after this callback; aborted requests or a crash deserve 1.
      if (forced || err !== undefined) process.exit(1);
    },
  );

  await app.listen({ host: config.http.host, port: config.http.port });
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
