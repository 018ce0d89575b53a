"""The two Django-side adapters of the HTTP layer (everything else is ASGI middleware).

Both are async-native: under ASGI, Django runs a sync (MiddlewareMixin) middleware through a
thread hop per request; these stay on the event loop.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import markcoroutinefunction
from django.db import DatabaseError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware

from app.platform.http.middleware import ROUTE_KEY
from app.platform.http.problem import PROBLEM_JSON, problem_body
from app.platform.logging import get_logger

log = get_logger("app.http")
_CONVERTER = re.compile(r"<(?:[^>:]+:)?([^>]+)>")
GetResponse = Callable[[HttpRequest], Awaitable[HttpResponse]]


def route_template(route: str) -> str:
    """Django's `notes/<uuid:note_id>` -> the OTel/contract form `/notes/{note_id}`."""
    return "/" + _CONVERTER.sub(r"{\1}", route)


def problem_response(status: int, detail: str | None = None, **extra: Any) -> HttpResponse:
    return JsonResponse(
        problem_body(status, detail, **extra), status=status, content_type=PROBLEM_JSON
    )


class _AsyncMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        markcoroutinefunction(self)

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        return await self.get_response(request)


class RouteTemplateMiddleware(_AsyncMiddleware):
    """Hands the matched route template to the ASGI observability layer (span, metrics, log)."""

    async def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        match = request.resolver_match
        scope = getattr(request, "scope", None)
        if match is not None and match.route and scope is not None:
            scope[ROUTE_KEY] = route_template(match.route)


class ProblemDetailsMiddleware(_AsyncMiddleware):
    """Every error leaves as application/problem+json without internals (C58, C59, C64)."""

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        response = await self.get_response(request)
        content_type = response.get("Content-Type", "")
        if response.status_code < 400 or "json" in content_type:
            return response
        # Django's own 400/403/404/405 pages are HTML or text: answer in the API's error shape.
        converted = problem_response(response.status_code)
        for name in ("Allow", "Retry-After"):
            if response.has_header(name):
                converted[name] = response[name]
        return converted

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse:
        if isinstance(exception, OperationalError):
            # Pool exhausted, statement timeout, database unreachable: retryable, not a bug.
            log.warning("database unavailable", exc_info=exception)
            return problem_response(503, "A dependency is unavailable, retry later.")
        if isinstance(exception, DatabaseError):
            log.error("database error", exc_info=exception)
            return problem_response(500)
        log.error("unhandled error", exc_info=exception)
        return problem_response(500)


class AdminCsrfMiddleware(CsrfViewMiddleware):
    """CSRF protection where cookie sessions exist: the admin. The JSON API authenticates each
    request with a credential the browser does not attach by itself (add token auth per module),
    so it is not exposed to CSRF, and a wrong method answers 405, not 403 (C58)."""

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> Any:
        if not request.path.startswith("/admin/"):
            return None
        return super().process_view(request, view, args, kwargs)


def json_body(request: HttpRequest) -> tuple[Any, HttpResponse | None]:
    """Parses a JSON request body: 415 for another content type, 400 for malformed JSON."""
    content_type = request.content_type or ""
    if content_type != "application/json":
        return None, problem_response(415, "Send Content-Type: application/json.")
    try:
        return json.loads(request.body or b"null"), None
    except (ValueError, UnicodeDecodeError):
        return None, problem_response(400, "Malformed JSON body.")
