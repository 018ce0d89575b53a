/**
 * The `migrate` command (`node ./dist/migrate.js`, a Kubernetes Job in production): applies
 * pending module migrations and exits. Never run implicitly on production start.
 */
import { appModules } from './modules.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { createDatabase } from './platform/database/create-database.ts';
import { runMigrations } from './platform/database/migrations.ts';
import { migrationSources } from './platform/module-dependencies.ts';
import { createLogger } from './platform/logger.ts';
import { resolveServiceIdentity } from './platform/service-identity.ts';

const bootLogger = createLogger('info', resolveServiceIdentity(process.env));

try {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel, config.service);
  // DDL can legitimately run longer than a request: no statement timeout for migrations.
  const db = await createDatabase({ ...config.database, statementTimeoutMs: 0 }, logger);
  try {
    const applied = await runMigrations(db, migrationSources(appModules), logger);
    logger.info(
      { applied: applied.length },
      applied.length > 0 ? 'migrations complete' : 'schema is up to date',
    );
  } finally {
    await db.close();
  }
} catch (error) {
  if (error instanceof ConfigError)
    bootLogger.fatal({ 'config.errors': error.issues }, error.message);
  else bootLogger.fatal({ err: error }, 'migration failed');
  process.exitCode = 1;
}
