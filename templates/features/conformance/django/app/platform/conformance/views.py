from __future__ import annotations

import asyncio
import re

import httpx
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from app.platform.http.django_middleware import json_body, problem_response


def _json(data: dict[str, object]) -> JsonResponse:
    # Compact, as the other targets answer (the suite compares the echo body byte for byte).
    return JsonResponse(data, json_dumps_params={"separators": (",", ":")})


MAX_SLEEP_MS = 120_000
OUTBOUND_ALLOW = re.compile("(?!)")


def _int_param(request: HttpRequest, name: str, default: int | None = None) -> int | None:
    raw = request.GET.get(name)
    if raw is None:
        return default
    return int(raw) if raw.isdigit() else None


@require_GET
async def sleep(request: HttpRequest) -> HttpResponse:
    # Async view: the wait costs no thread, and the deadline/disconnect cancels it.
    ms = _int_param(request, "ms")
    if ms is None:
        return problem_response(400, "ms must be a non-negative integer")
    ms = min(ms, MAX_SLEEP_MS)
    await asyncio.sleep(ms / 1000)
    return _json({"slept": ms})


@require_POST
def echo(request: HttpRequest) -> HttpResponse:
    # Reports the body's size; the body itself is never logged or echoed.
    _, error = json_body(request)
    if error is not None:
        return error
    return _json({"bytes": len(request.body)})


@require_GET
def item(request: HttpRequest, id: str) -> HttpResponse:  # noqa: A002 - the route's name
    return _json({"id": id})


@require_GET
def error(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("conformance fixture: deliberate failure")


@require_GET
def db(request: HttpRequest) -> HttpResponse:
    # Sync view: runs in its own thread with a pooled connection, as ORM code does.
    ms = _int_param(request, "sleep_ms", 0)
    if ms is None:
        return problem_response(400, "sleep_ms must be a non-negative integer")
    ms = min(ms, MAX_SLEEP_MS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [ms / 1000])
    return _json({"slept_ms": ms})


@require_GET
def db_settings(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN "
            "('application_name', 'statement_timeout', 'idle_in_transaction_session_timeout')"
        )
        return _json(dict(cursor.fetchall()))


@require_GET
async def outbound(request: HttpRequest) -> HttpResponse:
    # httpx is instrumented: a CLIENT span and W3C traceparent/tracestate/baggage headers. Async,
    # so the deadline or a client disconnect cancels the call (the upstream sees it close).
    target = request.GET.get("target", "")
    if not OUTBOUND_ALLOW.search(target) or not target.startswith(("http://", "https://")):
        return problem_response(403, "Target not allowed.")
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(target)
    return _json({"upstream_status": response.status_code})
