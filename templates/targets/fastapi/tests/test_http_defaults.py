"""The platform middleware's HTTP policy (contract §2.7), in-process."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import APIRouter

from app.application import AppContext, create_app
from app.platform.database import Database

from .conftest import IDENTITY, make_settings


def app_client(database: Database, **settings: object) -> tuple[AppContext, httpx.AsyncClient]:
    context = AppContext(make_settings(**settings), IDENTITY, database)
    app = create_app(context)
    extra = APIRouter()

    @extra.get("/t/slow")
    async def slow() -> dict[str, bool]:
        await asyncio.sleep(0.3)
        return {"ok": True}

    @extra.get("/t/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    @extra.post("/t/body")
    async def body(payload: dict[str, str]) -> dict[str, int]:
        return {"keys": len(payload)}

    app.include_router(extra)
    return context, httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_security_headers_and_request_id(database: Database) -> None:
    _, http = app_client(database)
    async with http:
        response = await http.get("/nope", headers={"x-request-id": "abc-123"})
        generated = await http.get("/livez", headers={"x-request-id": "bad id"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "abc-123"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in response.headers
    assert generated.headers["x-request-id"] != "bad id"
    assert len(generated.headers["x-request-id"]) == 36


async def test_unhandled_error_is_a_bare_500_problem(database: Database) -> None:
    _, http = app_client(database)
    async with http:
        response = await http.get("/t/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "secret internals" not in response.text and "RuntimeError" not in response.text


async def test_body_limit_answers_413(database: Database) -> None:
    _, http = app_client(database, BODY_LIMIT_BYTES=64)
    async with http:
        ok = await http.post("/t/body", json={"a": "b"})
        too_big = await http.post("/t/body", json={"a": "x" * 100})
    assert ok.status_code == 200
    assert too_big.status_code == 413
    assert too_big.headers["content-type"] == "application/problem+json"


async def test_deadline_answers_504(database: Database) -> None:
    _, http = app_client(database, REQUEST_TIMEOUT_MS=50)
    async with http:
        response = await http.get("/t/slow")
    assert response.status_code == 504


async def test_load_shedding_answers_503_with_retry_after(database: Database) -> None:
    _, http = app_client(database, MAX_CONCURRENT_REQUESTS=1)
    async with http:
        responses = await asyncio.gather(http.get("/t/slow"), http.get("/t/slow"), http.get("/livez"))
    assert sorted(r.status_code for r in responses[:2]) == [200, 503]
    shed = next(r for r in responses[:2] if r.status_code == 503)
    assert int(shed.headers["retry-after"]) >= 1
    assert responses[2].status_code == 200  # probes are never shed


@pytest.mark.parametrize(
    "origin, allowed", [("https://app.example.com", True), ("https://evil.example.com", False)]
)
async def test_cors_allow_list(database: Database, origin: str, allowed: bool) -> None:
    _, http = app_client(database, CORS_ALLOWED_ORIGINS="https://app.example.com")
    async with http:
        response = await http.options(
            "/t/body", headers={"origin": origin, "access-control-request-method": "POST"}
        )
    assert response.status_code == 204
    assert response.headers.get("access-control-allow-origin") == (origin if allowed else None)


async def test_rate_limit_answers_429(database: Database) -> None:
    _, http = app_client(database, RATE_LIMIT_RPM=2)
    async with http:
        statuses = [(await http.get("/nope")).status_code for _ in range(3)]
        probe = await http.get("/livez")
    assert statuses == [404, 404, 429]
    assert probe.status_code == 200
