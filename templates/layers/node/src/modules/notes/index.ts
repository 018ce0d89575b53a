/**
 * Public entry point of the notes module: the only file other code may import from it
 * (enforced by `npm run lint:arch`).
 */
import type { AppModule } from '../../platform/app-module.ts';
import { createNotesService } from './application/notes-service.ts';
import { notesRoutes } from './http/notes-routes.ts';
import { createPostgresNotesRepository } from './infrastructure/postgres-notes-repository.ts';
// csb:slot:imports (`create-scalable-backend add event|job` inserts above this line)

export type { Note } from './domain/note.ts';
export type { NotesPage, NotesService } from './application/notes-service.ts';
export { noteCreated, type NoteCreated } from './events/note-created.ts';
// csb:slot:exports (`create-scalable-backend add event` inserts above this line)

const ROUTE_PREFIX = '/notes';

export const notesModule: AppModule = {
  name: 'notes',
  migrations: new URL('./migrations/', import.meta.url),
  routePrefix: ROUTE_PREFIX,
  setup: (deps) => {
    const service = createNotesService(createPostgresNotesRepository(deps.db), deps.events);
    // csb:slot:event-handlers (`create-scalable-backend add event` inserts above this line)
    // csb:slot:jobs (`create-scalable-backend add job` inserts above this line)
    return notesRoutes(service, ROUTE_PREFIX);
  },
};
