"""Probes: health+json bodies, readiness following the database and the shutdown flag."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import create_async_engine

from app.application import AppContext, create_app
from app.platform.database import Database

from .conftest import IDENTITY, make_settings


async def test_livez_passes_with_health_json(client: httpx.AsyncClient) -> None:
    response = await client.get("/livez")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/health+json"
    assert response.headers["cache-control"] == "no-store"
    assert response.json()["status"] == "pass"


async def test_readyz_reports_the_database_check(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    (key, [check]) = next(iter(response.json()["checks"].items()))
    assert key.endswith(":connection")
    assert check["status"] == "pass"


async def test_readyz_fails_fast_when_the_database_is_unreachable() -> None:
    # Port 1 on localhost: connection refused, so the check fails without waiting for the timeout.
    unreachable = Database(create_async_engine("postgresql+asyncpg://u:secret-pw@127.0.0.1:1/db"))
    context = AppContext(make_settings(HEALTH_CHECK_TIMEOUT_MS=500), IDENTITY, unreachable)
    transport = httpx.ASGITransport(app=create_app(context))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get("/readyz")
        live = await http.get("/livez")
    assert response.status_code == 503
    assert response.json()["checks"]["postgres:connection"][0]["status"] == "fail"
    assert "secret-pw" not in response.text and "127.0.0.1" not in response.text
    assert live.status_code == 200
    await unreachable.close()


async def test_readyz_fails_once_shutdown_started(client: httpx.AsyncClient, context: AppContext) -> None:
    context.lifecycle.shutting_down = True
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "serviceId": IDENTITY.name,
        "version": IDENTITY.version,
        "notes": ["shutting down"],
    }
