"""Public entry point of the notes module: the only import other code may use
(`from app.modules.notes import ...`, enforced by `lint-imports`)."""

from __future__ import annotations

from fastapi import APIRouter

from app.modules.notes.domain import Note
from app.modules.notes.events import NOTE_CREATED, note_created
from app.modules.notes.http import notes_router
from app.modules.notes.repository import NotesRepository
from app.modules.notes.service import NotesService
from app.platform.modules import AppModule, ModuleDependencies

# csb:slot:imports (`create-scalable-backend add event|job` inserts above this line)

__all__ = ["NOTE_CREATED", "Note", "NotesService", "module", "note_created"]
# csb:slot:exports (`create-scalable-backend add event` inserts above this line)


def setup(deps: ModuleDependencies) -> APIRouter:
    service = NotesService(NotesRepository(deps.database), deps.events)
    # csb:slot:event-handlers (`create-scalable-backend add event` inserts above this line)
    # csb:slot:jobs (`create-scalable-backend add job` inserts above this line)
    return notes_router(service)


module = AppModule(name="notes", route_prefix="/notes", setup=setup)
