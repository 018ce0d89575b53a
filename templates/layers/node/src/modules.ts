import type { AppModule } from './platform/app-module.ts';
import { notesModule } from './modules/notes/index.ts';
// csb:slot:module-imports (`create-scalable-backend add module` inserts above this line)

/** Every business module, in registration and migration order. Add new modules here. */
export const appModules: readonly AppModule[] = [
  notesModule,
  // csb:slot:modules (`create-scalable-backend add module` inserts above this line)
];
