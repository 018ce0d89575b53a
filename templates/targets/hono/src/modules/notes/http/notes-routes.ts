import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../../platform/http/app-env.ts';
import { rejectInvalid } from '../../../platform/http/validation.ts';
import type { NotesService } from '../application/notes-service.ts';
import { NOTE_LIMITS, type Note } from '../domain/note.ts';
// csb:slot:route-imports (`create-scalable-backend add route` inserts above this line)

// Request schemas: a request that does not match gets 422 problem+json (rejectInvalid). Bodies
// are strict (unknown properties are refused); query strings and path parameters are text, so
// numbers are coerced ("?limit=20" → 20).
const createNoteBody = z.strictObject({
  title: z.string().min(1).max(NOTE_LIMITS.titleMaxLength),
  body: z.string().max(NOTE_LIMITS.bodyMaxLength).optional(),
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

const idParams = z.object({ id: z.uuid() });

interface NoteDto {
  id: string;
  title: string;
  body: string;
  createdAt: string;
}

// Responses are built field by field: nothing else of a Note ever leaves the service.
function toDto(note: Note): NoteDto {
  return {
    id: note.id,
    title: note.title,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  };
}

/** HTTP adapter of the notes module: translation between requests and the service only. */
export function notesRoutes(service: NotesService, basePath: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', zValidator('json', createNoteBody, rejectInvalid), async (c) => {
    const note = await service.create(c.req.valid('json'), { signal: c.get('deadline') });
    c.header('location', `${basePath}/${note.id}`);
    return c.json(toDto(note), 201);
  });

  app.get('/', zValidator('query', listQuery, rejectInvalid), async (c) => {
    const page = await service.list(c.req.valid('query'), { signal: c.get('deadline') });
    return c.json({ items: page.items.map(toDto), nextCursor: page.nextCursor });
  });

  // Hono tries routes in registration order: fixed paths go above the parametric `/:id`.
  // csb:slot:routes (`create-scalable-backend add route` inserts above this line)

  app.get('/:id', zValidator('param', idParams, rejectInvalid), async (c) => {
    const note = await service.get(c.req.valid('param').id, { signal: c.get('deadline') });
    return c.json(toDto(note));
  });

  return app;
}
