"""Use cases of the notes module; the HTTP layer and other modules call these, nothing lower."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from uuid import UUID

from app.modules.notes.domain import Note
from app.modules.notes.events import note_created
from app.modules.notes.repository import NotesRepository
from app.platform.events import EventBus


class NotesService:
    def __init__(self, repository: NotesRepository, events: EventBus) -> None:
        self.repository = repository
        self.events = events

    async def create(self, title: str, body: str) -> Note:
        note = Note(id=uuid.uuid4(), title=title, body=body, created_at=datetime.now(UTC))
        await self.repository.insert(note)
        self.events.publish(note_created(str(note.id), note.title))
        return note

    async def get(self, note_id: UUID) -> Note | None:
        return await self.repository.get(note_id)

    async def list(self, limit: int = 20) -> list[Note]:
        return await self.repository.list(limit)
