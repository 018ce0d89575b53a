/**
 * The database port. Modules depend on this interface only; the adapters (postgres.ts for
 * node-postgres, pglite.ts for the embedded development database) implement it.
 */

export interface QueryResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

export interface QueryOptions {
  /**
   * Aborts the query when the request's deadline passes or its client goes away. The pg adapter
   * drops the connection, so the server stops working on a result nobody will read.
   */
  readonly signal?: AbortSignal | undefined;
}

export interface Queryable {
  /** One statement with `$1`-style bound parameters (never interpolate values into `sql`). */
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: QueryOptions): Promise<T>;
  /** Cheap round trip for the readiness probe. */
  ping(options?: QueryOptions): Promise<void>;
  /** Waits for checked-out connections to be returned, then closes them all. */
  close(): Promise<void>;
}
