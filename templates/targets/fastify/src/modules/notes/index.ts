/**
 * Public entry point of the notes module: the only file other code may import from it
 * (enforced by `npm run lint:arch`).
 */
import type { AppModule } from '../../platform/app-module.ts';
import { createNotesService } from './application/notes-service.ts';
import { notesRoutes } from './http/notes-routes.ts';
import { createPostgresNotesRepository } from './infrastructure/postgres-notes-repository.ts';

export type { Note } from './domain/note.ts';
export type { NotesPage, NotesService } from './application/notes-service.ts';

const ROUTE_PREFIX = '/notes';

export const notesModule: AppModule = {
  name: 'notes',
  migrations: new URL('./migrations/', import.meta.url),
  routePrefix: ROUTE_PREFIX,
  routes: ({ db }) =>
    notesRoutes(createNotesService(createPostgresNotesRepository(db)), ROUTE_PREFIX),
};
