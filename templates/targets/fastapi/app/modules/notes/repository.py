"""Persistence of notes (SQLAlchemy Core). The table belongs to this module alone."""

from __future__ import annotations

from datetime import UTC
from typing import Any
from uuid import UUID

from sqlalchemy import Column, DateTime, MetaData, String, Table, Text, Uuid, select

from app.modules.notes.domain import Note
from app.platform.database import Database

metadata = MetaData()

notes_table = Table(
    "notes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def _to_note(row: Any) -> Note:
    created_at = row.created_at
    if created_at.tzinfo is None:  # SQLite (development) stores naive timestamps; they are UTC
        created_at = created_at.replace(tzinfo=UTC)
    return Note(id=row.id, title=row.title, body=row.body, created_at=created_at)


class NotesRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def insert(self, note: Note) -> None:
        async with self.database.sessions.begin() as session:
            await session.execute(
                notes_table.insert().values(
                    id=note.id, title=note.title, body=note.body, created_at=note.created_at
                )
            )

    async def get(self, note_id: UUID) -> Note | None:
        async with self.database.sessions() as session:
            row = (await session.execute(select(notes_table).where(notes_table.c.id == note_id))).first()
        return None if row is None else _to_note(row)

    async def list(self, limit: int) -> list[Note]:
        query = select(notes_table).order_by(notes_table.c.created_at.desc(), notes_table.c.id).limit(limit)
        async with self.database.sessions() as session:
            rows = (await session.execute(query)).all()
        return [_to_note(row) for row in rows]
