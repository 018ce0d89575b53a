import type { Database } from '../database/database.ts';

/** An event a handler could not process after every retry. */
export interface DeadLetter {
  readonly eventId: string;
  readonly eventType: string;
  readonly handler: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly error: string;
}

export interface DeadLetterStore {
  record(letter: DeadLetter): Promise<void>;
}

/**
 * Dead letters in the platform's `event_dead_letters` table. Inspect with
 * `SELECT * FROM event_dead_letters ORDER BY failed_at DESC`; replay by publishing the payload
 * again once the handler is fixed, then delete the row.
 */
export function createPostgresDeadLetterStore(db: Database): DeadLetterStore {
  return {
    async record(letter) {
      await db.query(
        `INSERT INTO event_dead_letters (event_id, event_type, handler, payload, attempts, error)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (event_id, handler) DO NOTHING`,
        [
          letter.eventId,
          letter.eventType,
          letter.handler,
          JSON.stringify(letter.payload ?? null),
          letter.attempts,
          letter.error,
        ],
      );
    },
  };
}
