import { randomBytes } from 'node:crypto';
import { appModules } from '../../src/modules.ts';
import { migrationSources } from '../../src/platform/module-dependencies.ts';
import type { Database } from '../../src/platform/database/database.ts';
import { runMigrations } from '../../src/platform/database/migrations.ts';
import { createPgliteDatabase } from '../../src/platform/database/pglite.ts';
import { createPostgresDatabase } from '../../src/platform/database/postgres.ts';
import { silentLogger } from './logs.ts';

export interface TestDatabase {
  readonly db: Database;
  /** Empties every module table (not the migration history) between tests. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const TRUNCATE_MODULE_TABLES = `
  DO $$
  DECLARE t record;
  BEGIN
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'
    LOOP
      EXECUTE format('TRUNCATE %I CASCADE', t.tablename);
    END LOOP;
  END $$`;

/**
 * Embedded PGlite by default, so `npm test` needs nothing installed. With TEST_DATABASE_URL the
 * same tests run against real PostgreSQL, each test file in its own schema (files run in
 * parallel processes) that is dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined || url === '') {
    const db = await createPgliteDatabase();
    await runMigrations(db, migrationSources(appModules), silentLogger());
    return { db, reset: () => db.exec(TRUNCATE_MODULE_TABLES), close: () => db.close() };
  }

  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = createPostgresDatabase(postgresOptions(url), silentLogger());
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const db = createPostgresDatabase(postgresOptions(scoped.toString()), silentLogger());
  await runMigrations(db, migrationSources(appModules), silentLogger());
  return {
    db,
    reset: () => db.exec(TRUNCATE_MODULE_TABLES),
    async close() {
      await db.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

function postgresOptions(url: string) {
  return {
    url,
    poolMax: 5,
    poolMin: 0,
    acquireTimeoutMs: 5000,
    statementTimeoutMs: 5000,
    idleInTransactionTimeoutMs: 10000,
    applicationName: 'tests',
  };
}
