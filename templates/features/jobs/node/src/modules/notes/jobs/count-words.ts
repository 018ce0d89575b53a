import type { Database } from '../../../platform/database/database.ts';
import { defineJob, PermanentJobError } from '../../../platform/queue/job-queue.ts';

export interface CountWordsPayload {
  readonly noteId: string;
}

/** The words of a text and the most frequent ones: the CPU-bound part, done in the worker. */
export function wordStatistics(text: string, top = 5): { words: number; topWords: string[] } {
  const counts = new Map<string, number>();
  let words = 0;
  for (const match of text.toLowerCase().matchAll(/\p{L}[\p{L}\p{N}'-]*/gu)) {
    words += 1;
    counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  }
  const topWords = [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, top)
    .map(([word]) => word);
  return { words, topWords };
}

/**
 * `notes.count-words`: counts a new note's words in the worker process, off the request path
 * (enqueued by the notes module when a note is created), and stores the result once.
 */
export function countWordsJob(db: Pick<Database, 'query'>) {
  return defineJob<CountWordsPayload>({
    name: 'notes.count-words',
    timeoutMs: 30_000,
    async run({ noteId }, job) {
      const { rows } = await db.query<{ title: string; body: string }>(
        'SELECT title, body FROM notes WHERE id = $1',
        [noteId],
        { signal: job.signal },
      );
      const note = rows[0];
      // Retrying cannot bring a deleted note back: straight to the dead letters.
      if (note === undefined) throw new PermanentJobError(`note ${noteId} does not exist`);
      const { words, topWords } = wordStatistics(`${note.title} ${note.body}`);
      await job.once((tx) =>
        tx.query(
          'INSERT INTO note_word_counts (note_id, words, top_words) VALUES ($1, $2, $3)',
          [noteId, words, JSON.stringify(topWords)],
          { signal: job.signal },
        ),
      );
    },
  });
}
