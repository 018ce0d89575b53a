import type { NewNote, Note } from '../domain/note.ts';

/** Position after which a page starts (keyset pagination: stable under concurrent inserts). */
export interface NotesCursor {
  readonly createdAt: Date;
  readonly id: string;
}

export interface CallContext {
  /** Aborted when the caller gives up (request deadline, client gone). */
  readonly signal?: AbortSignal | undefined;
}

/** Port: how the application layer stores notes. Adapters live in ../infrastructure/. */
export interface NotesRepository {
  insert(note: NewNote, context?: CallContext): Promise<Note>;
  findById(id: string, context?: CallContext): Promise<Note | undefined>;
  /** Newest first, strictly after `after` when given. */
  list(limit: number, after: NotesCursor | undefined, context?: CallContext): Promise<Note[]>;
}
