import type { Codec, ModuleCache } from '../../../platform/cache/cache.ts';
import type { NotesRepository } from '../application/notes-repository.ts';
import type { Note } from '../domain/note.ts';

// Part of every key: bump it when the cached shape of a note changes, so that during a rolling
// deploy neither version reads entries written by the other.
const FORMAT = 'v1';
const noteKey = (id: string) => `note:${FORMAT}:${id}`;
/** First pages of the list (no cursor), one variant per page size, invalidated together. */
const FIRST_PAGES = `first-pages:${FORMAT}`;

interface CachedNote {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
}

const toCached = (note: Note): CachedNote => ({ ...note, createdAt: note.createdAt.toISOString() });
const fromCached = (note: CachedNote): Note => ({ ...note, createdAt: new Date(note.createdAt) });

// "Not found" is cached too: a burst of lookups for a missing id costs one query.
const noteCodec: Codec<Note | undefined> = {
  encode: (note) => JSON.stringify(note === undefined ? null : toCached(note)),
  decode: (text) => {
    const cached = JSON.parse(text) as CachedNote | null;
    return cached === null ? undefined : fromCached(cached);
  },
};

const pageCodec: Codec<Note[]> = {
  encode: (notes) => JSON.stringify(notes.map(toCached)),
  decode: (text) => (JSON.parse(text) as CachedNote[]).map(fromCached),
};

/**
 * Decorator: the notes repository behind a read-through cache (docs/cache.md). The service and
 * the routes do not know it is there.
 * - findById: one entry per note.
 * - list: only first pages are cached, the page every client asks for first. Deeper pages are
 *   cheap keyset range scans that rarely repeat, and caching them would let a crawler fill Redis.
 * - writes invalidate, after the database committed, every entry they change. A new write method
 *   (update, delete) must do the same: invalidate its note's key and FIRST_PAGES.
 */
export function cachedNotesRepository(
  repository: NotesRepository,
  cache: ModuleCache,
): NotesRepository {
  return {
    async insert(note, context) {
      const created = await repository.insert(note, context);
      await cache.invalidate([noteKey(created.id), FIRST_PAGES]);
      return created;
    },

    findById(id, context) {
      return cache.getOrLoad(
        noteKey(id),
        (signal) => repository.findById(id, { ...context, signal }),
        { codec: noteCodec, signal: context?.signal },
      );
    },

    list(limit, after, context) {
      if (after !== undefined) return repository.list(limit, after, context);
      return cache.getOrLoad(
        FIRST_PAGES,
        (signal) => repository.list(limit, undefined, { ...context, signal }),
        { variant: String(limit), codec: pageCodec, signal: context?.signal },
      );
    },
  };
}
