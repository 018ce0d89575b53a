import { defineEvent } from '../../../platform/events/event-bus.ts';

/** Published after a note is stored. Other modules subscribe through the notes index.ts. */
export interface NoteCreated {
  readonly noteId: string;
  readonly title: string;
}

export const noteCreated = defineEvent<NoteCreated>('notes.note-created');
