import type { Database, Queryable } from '../database/database.ts';

/**
 * `JobContext.once`: the effect and its job_effects row commit together or not at all. A second
 * run (a retry, or the same job handed back after a worker died) finds the row and skips; two
 * runs at the same moment serialize on the row's primary key, and the second skips.
 */
export function applyOnce(
  db: Pick<Database, 'transaction'>,
  jobName: string,
  idempotencyKey: string,
  signal: AbortSignal,
) {
  return <T>(effect: (tx: Queryable) => Promise<T>) =>
    db.transaction(
      async (tx) => {
        const claimed = await tx.query(
          'INSERT INTO job_effects (job_name, idempotency_key) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [jobName, idempotencyKey],
          { signal },
        );
        if (claimed.rowCount === 0) return { applied: false };
        return { applied: true, value: await effect(tx) };
      },
      { signal },
    );
}

/** Where the platform's job_effects table migrates from (module-dependencies.ts lists it). */
export const JOB_EFFECTS_MIGRATIONS = new URL('./migrations/', import.meta.url);
