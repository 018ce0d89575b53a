import type { AppModule } from './platform/app-module.ts';
import { notesModule } from './modules/notes/index.ts';

/** Every business module, in registration and migration order. Add new modules here. */
export const appModules: readonly AppModule[] = [notesModule];
