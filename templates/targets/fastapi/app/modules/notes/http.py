"""HTTP adapter of the notes module: request/response models and translation to the service."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from app.modules.notes.domain import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Note
from app.modules.notes.service import NotesService
from app.platform.errors import HttpProblem

# csb:slot:route-imports (`create-scalable-backend add route` inserts above this line)


class CreateNote(BaseModel):
    title: Annotated[str, Field(min_length=1, max_length=TITLE_MAX_LENGTH)]
    body: Annotated[str, Field(max_length=BODY_MAX_LENGTH)] = ""


class NoteOut(BaseModel):
    id: UUID
    title: str
    body: str
    createdAt: datetime  # noqa: N815 - the JSON field name


def to_out(note: Note) -> NoteOut:
    return NoteOut(id=note.id, title=note.title, body=note.body, createdAt=note.created_at)


def notes_router(service: NotesService) -> APIRouter:
    router = APIRouter()
    # Added routes go first: a fixed path must be matched before the "/{id}" routes below.
    # csb:slot:routes (`create-scalable-backend add route` inserts above this line)

    @router.post("", status_code=201, response_model=NoteOut)
    async def create_note(payload: CreateNote) -> NoteOut:
        return to_out(await service.create(payload.title, payload.body))

    @router.get("", response_model=list[NoteOut])
    async def list_notes(limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[NoteOut]:
        return [to_out(note) for note in await service.list(limit)]

    @router.get("/{note_id}", response_model=NoteOut)
    async def get_note(note_id: UUID) -> NoteOut:
        note = await service.get(note_id)
        if note is None:
            raise HttpProblem(404, "Note not found.")
        return to_out(note)

    return router
