"""Test fixtures for the black-box conformance suite (contract §2.0). Present only in projects
generated with --conformance-fixtures, and mounted only when CONFORMANCE_FIXTURES=true.
Never enable them in production: they sleep, fail and call out on request.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, FastAPI, Query, Request
from sqlalchemy import text

from app.platform.config import ConfigError, Settings
from app.platform.database import Database
from app.platform.errors import HttpProblem
from app.platform.logging import get_logger

MAX_SLEEP_MS = 120_000
PREFIX = "/__conformance"


def _fixture_env() -> tuple[bool, re.Pattern[str]]:
    enabled = os.environ.get("CONFORMANCE_FIXTURES", "") or "false"
    if enabled not in ("true", "false"):
        raise ConfigError(["CONFORMANCE_FIXTURES: must be true or false"])
    try:
        # The default matches nothing: outbound calls are refused unless a test allows them.
        allow = re.compile(os.environ.get("CONFORMANCE_OUTBOUND_ALLOW", "") or "(?!)")
    except re.error:
        raise ConfigError(["CONFORMANCE_OUTBOUND_ALLOW: must be a valid regular expression"]) from None
    return enabled == "true", allow


def register_conformance_fixtures(app: FastAPI, database: Database, settings: Settings) -> None:
    enabled, outbound_allow = _fixture_env()
    if not enabled:
        return
    get_logger("app").warning(
        "conformance fixture routes are mounted under /__conformance (CONFORMANCE_FIXTURES=true)"
    )
    router = APIRouter()

    @router.get("/sleep")
    async def sleep(ms: Annotated[int, Query(ge=0)]) -> dict[str, int]:
        ms = min(ms, MAX_SLEEP_MS)
        await asyncio.sleep(ms / 1000)
        return {"slept": ms}

    @router.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        # Reports the body's size in bytes; the body itself is never logged or echoed.
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            raise HttpProblem(415, "Content-Type must be application/json.")
        body = await request.body()
        try:
            json.loads(body)
        except ValueError:
            raise HttpProblem(400, "Malformed JSON body.") from None
        return {"bytes": len(body)}

    @router.get("/items/{id}")
    async def item(id: str) -> dict[str, str]:  # noqa: A002 - the route template's name
        return {"id": id}

    @router.get("/error")
    async def error() -> None:
        raise RuntimeError("conformance fixture: deliberate failure")

    @router.get("/db")
    async def db(sleep_ms: Annotated[int, Query(ge=0)] = 0) -> dict[str, int]:
        # A database that is down or too slow becomes 503 in the platform middleware.
        ms = min(sleep_ms, MAX_SLEEP_MS)
        async with database.sessions() as session:
            await session.execute(text("SELECT pg_sleep(:seconds)"), {"seconds": ms / 1000})
        return {"slept_ms": ms}

    @router.get("/db/settings")
    async def db_settings() -> dict[str, Any]:
        # Session settings as the server sees them (contract C67).
        query = text(
            "SELECT name, setting FROM pg_settings WHERE name IN "
            "('application_name', 'statement_timeout', 'idle_in_transaction_session_timeout')"
        )
        async with database.sessions() as session:
            rows = (await session.execute(query)).all()
        return {row.name: row.setting for row in rows}

    @router.get("/outbound")
    async def outbound(target: str) -> dict[str, int]:
        # httpx is instrumented: the call gets a CLIENT span and W3C traceparent/tracestate/baggage.
        if not outbound_allow.search(target) or not target.startswith(("http://", "https://")):
            raise HttpProblem(403, "Target not allowed.")
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.get(target)
        return {"upstream_status": response.status_code}

    app.include_router(router, prefix=PREFIX)
