"""The notes module's public interface: the only names other modules may import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from app.platform.events import publish

NOTE_CREATED = "notes.note_created"


@dataclass(frozen=True)
class NoteDto:
    id: UUID
    title: str
    body: str
    created_at: datetime


def _dto(note: object) -> NoteDto:
    return NoteDto(note.id, note.title, note.body, note.created_at)  # type: ignore[attr-defined]


def create_note(title: str, body: str) -> NoteDto:
    from django.db import transaction

    from app.modules.notes.models import Note

    with transaction.atomic():
        note = Note.objects.create(title=title, body=body)
        publish(NOTE_CREATED, {"id": str(note.id), "title": note.title})
    return _dto(note)


def list_notes(limit: int = 50) -> list[NoteDto]:
    from app.modules.notes.models import Note

    return [_dto(n) for n in Note.objects.order_by("-created_at")[:limit]]


def get_note(note_id: UUID) -> NoteDto | None:
    from app.modules.notes.models import Note

    note = Note.objects.filter(id=note_id).first()
    return None if note is None else _dto(note)
