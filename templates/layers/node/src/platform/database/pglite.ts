import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Database, QueryOptions, QueryResult, Queryable } from './database.ts';

/**
 * Development and test adapter: PGlite is PostgreSQL compiled to WebAssembly, running in this
 * process. It has one connection and no network, so pool limits, timeouts and cancellation do
 * not apply. It is a devDependency and imported lazily: production images do not contain it.
 */
type PgliteQueryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function queryable(target: PgliteQueryable): Queryable {
  return {
    async query<Row extends object>(
      sql: string,
      params: readonly unknown[] = [],
      options: QueryOptions = {},
    ) {
      options.signal?.throwIfAborted();
      const result = await target.query<Row>(sql, [...params]);
      const rowCount: QueryResult<Row>['rowCount'] = result.affectedRows ?? result.rows.length;
      return { rows: result.rows, rowCount };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/** `dataDir` keeps data across restarts (npm run dev); without it the database lives in memory. */
export async function createPgliteDatabase(dataDir?: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  return {
    kind: 'pglite',
    ...queryable(db),
    transaction(work, options = {}) {
      options.signal?.throwIfAborted();
      return db.transaction((tx) => work(queryable(tx)));
    },
    async ping() {
      await db.query('SELECT 1');
    },
    close() {
      return db.close();
    },
  };
}
