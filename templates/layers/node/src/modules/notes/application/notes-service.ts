import { InvalidInputError, NotFoundError } from '../../../platform/errors.ts';
import type { EventBus } from '../../../platform/events/event-bus.ts';
import { newNote, type Note } from '../domain/note.ts';
import { noteCreated } from '../events/note-created.ts';
import type { CallContext, NotesCursor, NotesRepository } from './notes-repository.ts';

export interface NotesPage {
  readonly items: readonly Note[];
  /** Pass back as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface NotesService {
  create(input: { title: string; body?: string | undefined }, context?: CallContext): Promise<Note>;
  get(id: string, context?: CallContext): Promise<Note>;
  list(
    query: { limit: number; cursor?: string | undefined },
    context?: CallContext,
  ): Promise<NotesPage>;
}

// The cursor is opaque to clients: base64url of the last item's position.
export function encodeCursor(cursor: NotesCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString(
    'base64url',
  );
}

export function decodeCursor(value: string): NotesCursor {
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(value, 'base64url').toString('utf8'),
    ) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) && !Number.isNaN(date.getTime())) {
      return { createdAt: date, id };
    }
  } catch {
    // fall through: any malformed cursor is the client's mistake
  }
  throw new InvalidInputError('The cursor is not valid.', [
    {
      location: 'querystring',
      pointer: '/cursor',
      message: 'is not a cursor returned by this API',
    },
  ]);
}

/** Use cases of the notes module. Knows nothing about HTTP or SQL. */
export function createNotesService(repository: NotesRepository, events: EventBus): NotesService {
  return {
    async create(input, context) {
      const note = await repository.insert(newNote(input), context);
      // After the insert: subscribers never hear of a note that was not stored.
      events.publish(noteCreated, { noteId: note.id, title: note.title });
      return note;
    },

    async get(id, context) {
      const note = await repository.findById(id, context);
      if (note === undefined) throw new NotFoundError(`No note with id ${id}.`);
      return note;
    },

    async list({ limit, cursor }, context) {
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      // One extra row tells whether another page exists without a COUNT(*).
      const rows = await repository.list(limit + 1, after, context);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last) : null,
      };
    },
  };
}
