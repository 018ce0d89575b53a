import { InvalidInputError } from '../../../platform/errors.ts';

export interface Note {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: Date;
}

export interface NewNote {
  readonly title: string;
  readonly body: string;
}

export const NOTE_LIMITS = { titleMaxLength: 200, bodyMaxLength: 10_000 } as const;

/**
 * Business rules for a new note. The HTTP schema already checked types and lengths; this adds
 * what a schema cannot say well ("not just whitespace") and holds for every caller, not only HTTP.
 */
export function newNote(input: { title: string; body?: string | undefined }): NewNote {
  const title = input.title.trim();
  if (title.length === 0) {
    throw new InvalidInputError('A note needs a title.', [
      { pointer: '/title', message: 'must not be blank' },
    ]);
  }
  return { title, body: input.body ?? '' };
}
