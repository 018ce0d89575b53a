"""The notes module over HTTP, on the test database (SQLite, or PostgreSQL with TEST_DATABASE_URL)."""

from __future__ import annotations

import asyncio

import httpx

from app.application import AppContext
from app.modules.notes import NOTE_CREATED
from app.platform.events import DomainEvent


async def test_creates_reads_and_lists_notes(client: httpx.AsyncClient) -> None:
    created = await client.post("/notes", json={"title": "First", "body": "hello"})
    assert created.status_code == 201
    note = created.json()
    assert note["title"] == "First"

    fetched = await client.get(f"/notes/{note['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == note

    listed = await client.get("/notes", params={"limit": 10})
    assert [n["id"] for n in listed.json()] == [note["id"]]


async def test_rejects_invalid_input_as_problem_json(client: httpx.AsyncClient) -> None:
    response = await client.post("/notes", json={"title": ""})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 400


async def test_unknown_note_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/notes/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json()["detail"] == "Note not found."


async def test_publishes_note_created(client: httpx.AsyncClient, context: AppContext) -> None:
    seen: list[DomainEvent] = []

    async def record(event: DomainEvent) -> None:
        seen.append(event)

    context.events.subscribe(NOTE_CREATED, record)
    await client.post("/notes", json={"title": "Evented"})
    await context.events.drain()
    await asyncio.sleep(0)
    assert [event.payload["title"] for event in seen] == ["Evented"]
