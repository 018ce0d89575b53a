import type { FastifyPluginAsync } from 'fastify';
import type { NotesService } from '../application/notes-service.ts';
import { NOTE_LIMITS, type Note } from '../domain/note.ts';
// csb:slot:route-imports (`create-scalable-backend add route` inserts above this line)

// JSON Schemas: Fastify validates requests with them (failures → 422 problem+json) and
// serializes responses through them (fields not listed here never leave the service).
const noteSchema = {
  type: 'object',
  required: ['id', 'title', 'body', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    body: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const createNoteBody = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: NOTE_LIMITS.titleMaxLength },
    body: { type: 'string', maxLength: NOTE_LIMITS.bodyMaxLength },
  },
} as const;

const listQuery = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    cursor: { type: 'string', maxLength: 200 },
  },
} as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

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
export function notesRoutes(service: NotesService, basePath: string): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: { title: string; body?: string } }>(
      '/',
      { schema: { body: createNoteBody, response: { 201: noteSchema } } },
      async (request, reply) => {
        const note = await service.create(request.body, { signal: request.deadline });
        reply.code(201).header('location', `${basePath}/${note.id}`);
        return toDto(note);
      },
    );

    app.get<{ Querystring: { limit: number; cursor?: string } }>(
      '/',
      {
        schema: {
          querystring: listQuery,
          response: {
            200: {
              type: 'object',
              required: ['items', 'nextCursor'],
              properties: {
                items: { type: 'array', items: noteSchema },
                nextCursor: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
      async (request) => {
        const page = await service.list(request.query, { signal: request.deadline });
        return { items: page.items.map(toDto), nextCursor: page.nextCursor };
      },
    );

    app.get<{ Params: { id: string } }>(
      '/:id',
      { schema: { params: idParams, response: { 200: noteSchema } } },
      async (request) => toDto(await service.get(request.params.id, { signal: request.deadline })),
    );

    // csb:slot:routes (`create-scalable-backend add route` inserts above this line)
  };
}
