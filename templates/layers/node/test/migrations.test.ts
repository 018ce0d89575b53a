import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { MigrationChecksumError, runMigrations } from '../src/platform/database/migrations.ts';
import { silentLogger } from './support/logs.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

describe('migration runner', () => {
  let database: TestDatabase;
  let directory: string;

  before(async () => {
    database = await createTestDatabase();
    directory = await mkdtemp(join(tmpdir(), 'migrations-'));
  });
  after(async () => {
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  test('applies pending files in order once, records them, and refuses edited ones', async () => {
    const source = { module: 'scratch', directory: pathToFileURL(`${directory}/`) };
    await writeFile(
      join(directory, '001_create.sql'),
      'CREATE TABLE scratch_items (id int PRIMARY KEY);',
    );
    await writeFile(
      join(directory, '002_seed.sql'),
      'INSERT INTO scratch_items VALUES (1); INSERT INTO scratch_items VALUES (2);',
    );
    await writeFile(join(directory, 'README.md'), 'not a migration');

    assert.deepEqual(await runMigrations(database.db, [source], silentLogger()), [
      'scratch/001_create.sql',
      'scratch/002_seed.sql',
    ]);
    assert.deepEqual(await runMigrations(database.db, [source], silentLogger()), []);
    const { rows } = await database.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM scratch_items',
    );
    assert.equal(rows[0]?.count, 2);

    await writeFile(
      join(directory, '001_create.sql'),
      'CREATE TABLE scratch_items (id bigint PRIMARY KEY);',
    );
    await assert.rejects(
      runMigrations(database.db, [source], silentLogger()),
      MigrationChecksumError,
    );
  });

  test('a failing migration leaves nothing behind', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'migrations-broken-'));
    await writeFile(join(broken, '001_ok.sql'), 'CREATE TABLE broken_ok (id int);');
    await writeFile(join(broken, '002_bad.sql'), 'CREATE TABLE broken_bad (id nonexistent_type);');
    const source = { module: 'broken', directory: pathToFileURL(`${broken}/`) };
    await assert.rejects(runMigrations(database.db, [source], silentLogger()));
    const { rows } = await database.db.query<{ exists: boolean }>(
      `SELECT to_regclass('broken_ok') IS NOT NULL AS exists`,
    );
    assert.equal(rows[0]?.exists, false);
    await rm(broken, { recursive: true, force: true });
  });
});
