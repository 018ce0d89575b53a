import type { Database } from '../../../platform/database/database.ts';
import type { NotesRepository } from '../application/notes-repository.ts';
import type { Note } from '../domain/note.ts';

interface NoteRow {
  id: string;
  title: string;
  body: string;
  created_at: Date;
}

const COLUMNS = 'id, title, body, created_at';

function toNote(row: NoteRow): Note {
  return { id: row.id, title: row.title, body: row.body, createdAt: new Date(row.created_at) };
}

/** Adapter: the notes table through the platform's Database port (pg or PGlite). */
export function createPostgresNotesRepository(db: Database): NotesRepository {
  return {
    async insert(note, context) {
      const { rows } = await db.query<NoteRow>(
        `INSERT INTO notes (title, body) VALUES ($1, $2) RETURNING ${COLUMNS}`,
        [note.title, note.body],
        context,
      );
      return toNote(rows[0]!);
    },

    async findById(id, context) {
      const { rows } = await db.query<NoteRow>(
        `SELECT ${COLUMNS} FROM notes WHERE id = $1`,
        [id],
        context,
      );
      return rows[0] === undefined ? undefined : toNote(rows[0]);
    },

    async list(limit, after, context) {
      const { rows } = await db.query<NoteRow>(
        `SELECT ${COLUMNS} FROM notes
          WHERE $1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::uuid)
          ORDER BY created_at DESC, id DESC
          LIMIT $3`,
        [after?.createdAt ?? null, after?.id ?? null, limit],
        context,
      );
      return rows.map(toNote);
    },
  };
}
