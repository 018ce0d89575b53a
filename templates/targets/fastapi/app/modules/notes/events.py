"""Events the notes module publishes (part of its public API)."""

from __future__ import annotations

from app.platform.events import DomainEvent

NOTE_CREATED = "notes.note-created"


def note_created(note_id: str, title: str) -> DomainEvent:
    return DomainEvent(NOTE_CREATED, {"note_id": note_id, "title": title})
