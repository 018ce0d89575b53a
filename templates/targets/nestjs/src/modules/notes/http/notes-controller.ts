import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Deadline } from '../../../platform/http/deadline.ts';
import type { NotesService } from '../application/notes-service.ts';
import { NOTE_LIMITS, type Note } from '../domain/note.ts';

/** Injection tokens: what NotesHttpModule.register() provides to the controller. */
export const NOTES_SERVICE = Symbol('NotesService');
export const NOTES_BASE_PATH = Symbol('NotesBasePath');

// Zod schemas, validated by the platform's pipe (failures → 422 problem+json); the handlers get
// the parsed values. Unknown body properties are refused; query strings are coerced.
const createNoteBody = z.strictObject({
  title: z.string().min(1).max(NOTE_LIMITS.titleMaxLength),
  body: z.string().max(NOTE_LIMITS.bodyMaxLength).optional(),
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

interface NoteDto {
  id: string;
  title: string;
  body: string;
  createdAt: string;
}

// Responses are built field by field: nothing the service adds later leaves by accident.
function toDto(note: Note): NoteDto {
  return {
    id: note.id,
    title: note.title,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  };
}

/** HTTP adapter of the notes module: translation between requests and the service only. */
@Controller()
export class NotesController {
  constructor(
    @Inject(NOTES_SERVICE) private readonly notes: NotesService,
    @Inject(NOTES_BASE_PATH) private readonly basePath: string,
  ) {}

  @Post()
  async create(
    @Body({ schema: createNoteBody }) input: z.infer<typeof createNoteBody>,
    @Deadline() signal: AbortSignal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteDto> {
    const note = await this.notes.create(input, { signal });
    reply.header('location', `${this.basePath}/${note.id}`);
    return toDto(note);
  }

  @Get()
  async list(
    @Query({ schema: listQuery }) query: z.infer<typeof listQuery>,
    @Deadline() signal: AbortSignal,
  ): Promise<{ items: NoteDto[]; nextCursor: string | null }> {
    const page = await this.notes.list(query, { signal });
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  async get(
    @Param('id', { schema: z.uuid() }) id: string,
    @Deadline() signal: AbortSignal,
  ): Promise<NoteDto> {
    return toDto(await this.notes.get(id, { signal }));
  }
}
