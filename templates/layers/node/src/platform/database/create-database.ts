import type { DatabaseConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Database } from './database.ts';
import { createPgliteDatabase } from './pglite.ts';
import { createPostgresDatabase } from './postgres.ts';

/**
 * PostgreSQL when DATABASE_URL is set; otherwise the embedded PGlite database. Config validation
 * already refused a missing DATABASE_URL in production, so PGlite is reached in development only.
 */
export async function createDatabase(config: DatabaseConfig, logger: Logger): Promise<Database> {
  if (config.url !== undefined) {
    return createPostgresDatabase({ ...config, url: config.url }, logger);
  }
  logger.warn(
    { 'db.system.name': 'postgresql', data_dir: config.pgliteDataDir ?? 'memory' },
    'DATABASE_URL is not set: using the embedded PGlite database (development only)',
  );
  return createPgliteDatabase(config.pgliteDataDir);
}
