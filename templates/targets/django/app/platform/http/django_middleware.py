"""The two Django-side adapters of the HTTP layer (everything else is ASGI middleware).

Both are async-native: under ASGI, Django runs a sync (MiddlewareMixin) middleware through a
thread hop per request; these stay on the event loop.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import markcoroutinefunction, sync_to_async
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import resolve

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


class AdminMiddleware(_AsyncMiddleware):
    """Sessions, CSRF, authentication and messages, for the admin only.

    Under ASGI each of Django's own (sync) middleware costs a thread hop per request; the JSON
    API needs none of them, so they run only for /admin/. The API authenticates each request
    with a credential browsers do not attach on their own (a bearer token), so it has no CSRF
    exposure, and a wrong method answers 405, not 403 (C58).
    """

    def __init__(self, get_response: GetResponse) -> None:
        super().__init__(get_response)
        self.csrf = CsrfViewMiddleware(get_response)
        # Inner to outer, as they would be listed in MIDDLEWARE.
        chain: Any = get_response
        for middleware in (
            MessageMiddleware,
            AuthenticationMiddleware,
            self._csrf_view,
            SessionMiddleware,
        ):
            chain = middleware(chain)
        self.admin = chain

    def _csrf_view(self, get_response: GetResponse) -> GetResponse:
        # CsrfViewMiddleware checks in process_view, which Django calls only for top-level
        # middleware: resolve the view here and run the check before the view runs.
        csrf = CsrfViewMiddleware(get_response)

        async def checked(request: HttpRequest) -> HttpResponse:
            match = resolve(request.path_info)
            rejected = await sync_to_async(csrf.process_view)(
                request, match.func, match.args, match.kwargs
            )
            if rejected is not None:
                return await sync_to_async(csrf.process_response)(request, rejected)
            return await csrf(request)

        markcoroutinefunction(checked)
        return checked

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/admin/"):
            return await self.admin(request)
        return await self.get_response(request)


def json_body(request: HttpRequest) -> tuple[Any, HttpResponse | None]:
    """Parses a JSON request body: 415 for another content type, 400 for malformed JSON."""
    content_type = request.content_type or ""
    if content_type != "application/json":
        return None, problem_response(415, "Send Content-Type: application/json.")
    try:
        return json.loads(request.body or b"null"), None
    except (ValueError, UnicodeDecodeError):
        return None, problem_response(400, "Malformed JSON body.")
