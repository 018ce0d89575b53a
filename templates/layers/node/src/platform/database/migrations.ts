import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Logger } from '../logger.ts';
import type { Database } from './database.ts';

/** A module's migrations folder: files named `NNN_description.sql`, applied in name order. */
export interface MigrationSource {
  readonly module: string;
  readonly directory: URL;
}

interface Migration {
  readonly module: string;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

const MIGRATION_FILE = /^\d{3,}_[a-z0-9_]+\.sql$/;

export class MigrationChecksumError extends Error {
  constructor(migration: Pick<Migration, 'module' | 'name'>) {
    super(
      `migration ${migration.module}/${migration.name} changed after it was applied; ` +
        'add a new migration instead of editing an applied one',
    );
    this.name = 'MigrationChecksumError';
  }
}

async function readMigrations(source: MigrationSource): Promise<Migration[]> {
  const files = (await readdir(source.directory))
    .filter((file) => MIGRATION_FILE.test(file))
    .sort();
  return Promise.all(
    files.map(async (name) => {
      const sql = await readFile(new URL(name, source.directory), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      return { module: source.module, name, sql, checksum };
    }),
  );
}

/**
 * Applies pending migrations in one transaction. The transaction-scoped advisory lock makes
 * concurrent runners (two deploys, a Job retry) wait for each other instead of racing; the
 * tracking table records what ran, with a checksum that catches edited migrations.
 */
export async function runMigrations(
  db: Database,
  sources: readonly MigrationSource[],
  logger: Logger,
): Promise<string[]> {
  const migrations = (await Promise.all(sources.map(readMigrations))).flat();
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('schema_migrations'))`);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        module     text        NOT NULL,
        name       text        NOT NULL,
        checksum   text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (module, name)
      )`);
    const { rows } = await tx.query<{ module: string; name: string; checksum: string }>(
      'SELECT module, name, checksum FROM schema_migrations',
    );
    const applied = new Map(rows.map((row) => [`${row.module}/${row.name}`, row.checksum]));

    const appliedNow: string[] = [];
    for (const migration of migrations) {
      const id = `${migration.module}/${migration.name}`;
      const checksum = applied.get(id);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) throw new MigrationChecksumError(migration);
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (module, name, checksum) VALUES ($1, $2, $3)', [
        migration.module,
        migration.name,
        migration.checksum,
      ]);
      logger.info({ migration: id }, 'migration applied');
      appliedNow.push(id);
    }
    return appliedNow;
  });
}
