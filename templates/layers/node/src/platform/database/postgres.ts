import pg from 'pg';
import { DependencyTimeoutError, UnavailableError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Database, QueryOptions, QueryResult, Queryable } from './database.ts';

export interface PostgresOptions {
  readonly url: string;
  readonly poolMax: number;
  readonly poolMin: number;
  readonly acquireTimeoutMs: number;
  /** Server-side statement_timeout; 0 disables it (the migrate command). */
  readonly statementTimeoutMs: number;
  readonly idleInTransactionTimeoutMs: number;
  readonly applicationName: string;
}

// SQLSTATE classes 08 (connection exception), 53 (insufficient resources) and 57P (server
// shutting down or starting): the database is unusable right now, not the query wrong.
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)/;
const QUERY_CANCELED = '57014'; // statement_timeout (or pg_cancel_backend)
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export type PostgresFailure = 'unavailable' | 'timeout' | 'query';

/** Decides whether an error means "retry later" (503), "too slow" (504) or "bad query" (500). */
export function classifyPostgresError(error: unknown): PostgresFailure {
  if (!(error instanceof Error)) return 'query';
  const code = (error as { code?: unknown }).code;
  if (error instanceof pg.DatabaseError) {
    if (code === QUERY_CANCELED) return 'timeout';
    return typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code) ? 'unavailable' : 'query';
  }
  if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return 'unavailable';
  if (error.message === 'Query read timeout') return 'timeout';
  // node-postgres reports refused, lost and timed-out connections as plain Errors.
  if (/^(timeout exceeded when trying to connect|Connection terminated)/.test(error.message)) {
    return 'unavailable';
  }
  return 'query';
}

function translate(error: unknown): unknown {
  switch (classifyPostgresError(error)) {
    case 'unavailable':
      return new UnavailableError('the database is unavailable', { cause: error });
    case 'timeout':
      return new DependencyTimeoutError('the database did not answer in time', { cause: error });
    case 'query':
      return error;
  }
}

function toResult<Row>(result: pg.QueryResult): QueryResult<Row> {
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
}

function queryable(client: pg.PoolClient): Queryable {
  return {
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      return toResult<Row>(await client.query(sql, params as unknown[]));
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

export function createPostgresDatabase(options: PostgresOptions, logger: Logger): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    min: options.poolMin,
    // Applies to waiting for a free connection and to opening a new one: never hang a request.
    connectionTimeoutMillis: options.acquireTimeoutMs,
    idleTimeoutMillis: 10_000,
    // Recycle connections so load rebalances after a failover or a pooler restart.
    maxLifetimeSeconds: 30 * 60,
    keepAlive: true,
    application_name: options.applicationName,
    // Sent as startup parameters: every session gets them, including after reconnects.
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs,
    // A query whose client went away (request deadline, abort) is stopped by the server within a
    // second instead of running to statement_timeout (PostgreSQL 14+).
    options: '-c client_connection_check_interval=1000',
    // Client-side backstop for a black-holed server, where statement_timeout never arrives.
    query_timeout: options.statementTimeoutMs > 0 ? options.statementTimeoutMs + 1000 : undefined,
  });

  // Without this listener, an idle connection dying (database restart, network cut) would emit
  // an unhandled 'error' and crash the process. The pool drops the client and reconnects later.
  pool.on('error', (error) => {
    logger.warn({ err: error }, 'idle database connection failed and was removed from the pool');
  });

  async function withClient<T>(
    signal: AbortSignal | undefined,
    work: (client: pg.PoolClient) => Promise<T>,
  ) {
    signal?.throwIfAborted();
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new UnavailableError('no database connection available', { cause: error });
    }
    let released = false;
    const release = (destroy?: Error) => {
      if (released) return;
      released = true;
      client.release(destroy);
    };
    // Dropping the connection is the only way to stop a running query from this side; the pool
    // opens a fresh one for the next request.
    const onAbort = () => release(new Error('query aborted by its caller'));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted();
      return await work(client);
    } catch (error) {
      signal?.throwIfAborted();
      // Server-reported errors leave the connection usable; anything else may not.
      if (!(error instanceof pg.DatabaseError))
        release(error instanceof Error ? error : new Error(String(error)));
      throw translate(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      release();
    }
  }

  return {
    kind: 'postgres',
    query<Row extends object>(
      sql: string,
      params: readonly unknown[] = [],
      queryOptions: QueryOptions = {},
    ) {
      return withClient(queryOptions.signal, (client) => queryable(client).query<Row>(sql, params));
    },
    exec(sql: string) {
      return withClient(undefined, (client) => queryable(client).exec(sql));
    },
    transaction<T>(work: (tx: Queryable) => Promise<T>, queryOptions: QueryOptions = {}) {
      return withClient(queryOptions.signal, async (client) => {
        await client.query('BEGIN');
        try {
          const result = await work(queryable(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },
    async ping(queryOptions: QueryOptions = {}) {
      await withClient(queryOptions.signal, (client) => client.query('SELECT 1'));
    },
    close() {
      return pool.end();
    },
  };
}
