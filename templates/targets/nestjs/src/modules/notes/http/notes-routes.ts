import { Module, type DynamicModule } from '@nestjs/common';
import type { NotesService } from '../application/notes-service.ts';
import { NOTES_BASE_PATH, NOTES_SERVICE, NotesController } from './notes-controller.ts';
// csb:slot:route-imports (`create-scalable-backend add route` inserts above this line)

/** The HTTP side of the notes module; the root module serves it under the module's prefix. */
@Module({})
export class NotesHttpModule {}

/** NotesHttpModule with the service its controllers use (called by the module's index.ts). */
export function notesRoutes(service: NotesService, basePath: string): DynamicModule {
  return {
    module: NotesHttpModule,
    controllers: [
      NotesController,
      // csb:slot:routes (`create-scalable-backend add route` inserts above this line)
    ],
    providers: [
      { provide: NOTES_SERVICE, useValue: service },
      { provide: NOTES_BASE_PATH, useValue: basePath },
    ],
  };
}
