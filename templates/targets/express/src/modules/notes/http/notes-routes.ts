import { Router } from 'express';
import { z } from 'zod';
import { parseRequest } from '../../../platform/http/validation.ts';
import type { NotesService } from '../application/notes-service.ts';
import { NOTE_LIMITS, type Note } from '../domain/note.ts';
// csb:slot:route-imports (`create-scalable-backend add route` inserts above this line)

// Request schemas: a mismatch is a 422 problem+json naming the offending fields.
const createNoteBody = z.strictObject({
  title: z.string().min(1).max(NOTE_LIMITS.titleMaxLength),
  body: z.string().max(NOTE_LIMITS.bodyMaxLength).optional(),
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

const idParams = z.object({ id: z.uuid() });

/** The response body: fields not listed here never leave the service. */
interface NoteDto {
  id: string;
  title: string;
  body: string;
  createdAt: string;
}

function toDto(note: Note): NoteDto {
  return {
    id: note.id,
    title: note.title,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  };
}

/** HTTP adapter of the notes module: translation between requests and the service only. */
export function notesRoutes(service: NotesService, basePath: string): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = parseRequest(createNoteBody, req.body, 'body');
    const note = await service.create(input, { signal: req.deadline });
    res.status(201).location(`${basePath}/${note.id}`).json(toDto(note));
  });

  router.get('/', async (req, res) => {
    const query = parseRequest(listQuery, req.query, 'querystring');
    const page = await service.list(query, { signal: req.deadline });
    res.json({ items: page.items.map(toDto), nextCursor: page.nextCursor });
  });

  // csb:slot:routes (`create-scalable-backend add route` inserts above this line)

  // Parameterised routes last: Express matches in registration order, so `/:id` registered
  // first would also take `/summary`.
  router.get('/:id', async (req, res) => {
    const { id } = parseRequest(idParams, req.params, 'params');
    res.json(toDto(await service.get(id, { signal: req.deadline })));
  });

  return router;
}
