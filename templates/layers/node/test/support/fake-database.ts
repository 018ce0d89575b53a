import type { Database } from '../../src/platform/database/database.ts';

/** A Database whose health check behaves as told; every query fails loudly. */
export function fakeDatabase(ping: (signal: AbortSignal | undefined) => Promise<void>): Database {
  const unused = () => Promise.reject(new Error('not used in this test'));
  return {
    kind: 'postgres',
    query: unused,
    exec: unused,
    transaction: unused,
    ping: (options = {}) => ping(options.signal),
    close: () => Promise.resolve(),
  };
}

export const healthyDatabase = () => fakeDatabase(() => Promise.resolve());

/** Fails the way an unreachable server does; the message names host and user on purpose. */
export const failingDatabase = () =>
  fakeDatabase(() =>
    Promise.reject(new Error('connect ECONNREFUSED db.internal:5432 user=app SELECT 1')),
  );

/** Never answers (a black-holed server) until the caller's signal aborts. */
export const hangingDatabase = () =>
  fakeDatabase(
    (signal) =>
      new Promise((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      }),
  );
