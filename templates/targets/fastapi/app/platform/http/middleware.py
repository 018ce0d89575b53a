"""The platform's HTTP policy, one pure-ASGI middleware inside the server span (contract §2.7).

In order: request id, security headers and CORS on every response, then for non-probe requests
load shedding (503), per-client rate limit (429), the body limit (413), the handler deadline
(504), the last-resort error handler (500 problem+json, stack in the log) and one access-log line.
Pure ASGI rather than BaseHTTPMiddleware: it streams bodies and can answer 413 mid-upload.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import structlog
from opentelemetry.instrumentation.fastapi import _get_route_details as _route_details
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.platform.config import Settings
from app.platform.errors import problem_response, unavailable_status
from app.platform.logging import get_logger

PROBE_PATHS = frozenset({"/livez", "/readyz"})
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
# Set here on every response; a handler's own value for these is dropped, never duplicated.
REPLACED_HEADERS = frozenset({b"server", b"x-powered-by", *(name for name, _ in SECURITY_HEADERS)})
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
CORS_MAX_AGE = b"600"

log = get_logger("app.http")


class BodyTooLarge(Exception):
    pass


@dataclass
class InFlight:
    """Requests currently being handled (probes excluded); read at shutdown to report aborts."""

    count: int = 0


@dataclass
class RateLimiter:
    """Fixed one-minute window per client address; in-process (a gateway owns global limits)."""

    limit: int
    windows: dict[str, tuple[int, int]] = field(default_factory=dict)

    def hit(self, client: str, now: float) -> int | None:
        """None when allowed, else seconds until the window resets."""
        window = int(now // 60)
        start, count = self.windows.get(client, (window, 0))
        if start != window:
            if len(self.windows) > 10_000:
                self.windows = {k: v for k, v in self.windows.items() if v[0] == window}
            start, count = window, 0
        if count >= self.limit:
            return max(1, math.ceil((window + 1) * 60 - now))
        self.windows[client] = (start, count + 1)
        return None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


class PlatformMiddleware:
    def __init__(
        self, app: ASGIApp, settings: Settings, in_flight: InFlight, shutting_down: Callable[[], bool]
    ) -> None:
        self.app = app
        self.shutting_down = shutting_down
        self.settings = settings
        self.in_flight = in_flight
        self.origins = settings.cors_origins
        self.rate_limiter = RateLimiter(settings.RATE_LIMIT_RPM) if settings.RATE_LIMIT_RPM > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        inbound_id = _header(scope, b"x-request-id")
        request_id = inbound_id if inbound_id and REQUEST_ID.match(inbound_id) else str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = request_id
        origin = _header(scope, b"origin")
        cors_allowed = origin is not None and origin in self.origins
        https = scope.get("scheme") == "https"
        started = time.perf_counter()
        state: dict[str, Any] = {"status": 0, "started": False}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["started"] = True
                headers = [(k, v) for k, v in message.get("headers", []) if k not in REPLACED_HEADERS]
                headers += [(b"x-request-id", request_id.encode())] + SECURITY_HEADERS
                if https:
                    headers.append(HSTS)
                if self.shutting_down():
                    # Draining: tell keep-alive clients to reconnect (to another replica).
                    headers = [(k, v) for k, v in headers if k != b"connection"] + [(b"connection", b"close")]
                if cors_allowed and origin is not None:
                    headers += [(b"access-control-allow-origin", origin.encode()), (b"vary", b"Origin")]
                message = {**message, "headers": headers}
            await send(message)

        async def answer(
            status: int, detail: str | None = None, headers: dict[str, str] | None = None
        ) -> None:
            response = problem_response(status, detail, request_id, headers)
            await response(scope, receive, send_with_headers)

        path = scope["path"]
        with structlog.contextvars.bound_contextvars(request_id=request_id):
            if path in PROBE_PATHS:
                await self.app(scope, receive, send_with_headers)
                return

            if (
                scope["method"] == "OPTIONS"
                and origin is not None
                and _header(scope, b"access-control-request-method")
            ):
                await self._preflight(scope, send_with_headers, cors_allowed)
                self._access_log(scope, state["status"], started, request_id)
                return

            if self.in_flight.count >= self.settings.MAX_CONCURRENT_REQUESTS:
                await answer(503, "Server is at capacity; retry shortly.", {"retry-after": "1"})
                self._access_log(scope, 503, started, request_id)
                return

            if self.rate_limiter is not None:
                client = (scope.get("client") or ("unknown", 0))[0]
                retry_after = self.rate_limiter.hit(client, time.time())
                if retry_after is not None:
                    # IETF draft-ietf-httpapi-ratelimit-headers fields (SHOULD) beside Retry-After.
                    headers = {
                        "retry-after": str(retry_after),
                        "ratelimit-policy": f'"per-client";q={self.settings.RATE_LIMIT_RPM};w=60',
                        "ratelimit": f'"per-client";r=0;t={retry_after}',
                    }
                    await answer(429, "Rate limit exceeded.", headers)
                    self._access_log(scope, 429, started, request_id)
                    return

            self.in_flight.count += 1
            try:
                await self._handle(scope, receive, send_with_headers, answer, state)
            finally:
                self.in_flight.count -= 1
                self._access_log(scope, state["status"], started, request_id)

    async def _handle(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        answer: Callable[..., Awaitable[None]],
        state: dict[str, Any],
    ) -> None:
        limit = self.settings.BODY_LIMIT_BYTES
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            # Answer before reading the body, and close: the rest of the upload is never consumed.
            await answer(413, f"Request body exceeds {limit} bytes.", {"connection": "close"})
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        # The handler runs as its own task so the deadline answers on time: cancelling it can take
        # a while (a database driver cancels the query on the server first), and that unwinding
        # finishes in the background after the 504 has been sent.
        answered_by_deadline = False

        async def handler_send(message: Message) -> None:
            if not answered_by_deadline:
                await send(message)

        handler = asyncio.ensure_future(self.app(scope, limited_receive, handler_send))
        try:
            done, _ = await asyncio.wait({handler}, timeout=self.settings.REQUEST_TIMEOUT_MS / 1000)
        except asyncio.CancelledError:  # the server aborts the request (forced shutdown)
            handler.cancel()
            raise
        if not done:
            answered_by_deadline = True
            handler.cancel()
            handler.add_done_callback(_retrieve_outcome)
            if not state["started"]:
                # Close: the client may still be sending a body nobody will read (a slow upload).
                await answer(504, "The request took too long to handle.", {"connection": "close"})
            return
        if handler.cancelled():
            return
        error = handler.exception()
        if error is None:
            return
        if isinstance(error, BodyTooLarge):
            if not state["started"]:
                await answer(413, f"Request body exceeds {limit} bytes.", {"connection": "close"})
        elif unavailable_status(error) is not None:
            # A dependency is down or too slow (its own timeout, a refused connection): 503.
            await self._unavailable(error, state, answer)
        else:
            log.error("unhandled error", exc_info=error, **{"http.route": _route(scope)})
            if not state["started"]:
                await answer(500)

    async def _unavailable(
        self, error: BaseException, state: dict[str, Any], answer: Callable[..., Awaitable[None]]
    ) -> None:
        # A dependency is down, slow or saturated: the client may retry; no stack, it is not a bug.
        log.warning("dependency unavailable", **{"exception.type": type(error).__qualname__})
        if not state["started"]:
            await answer(503, "A dependency is unavailable; retry shortly.", {"retry-after": "1"})

    async def _preflight(self, scope: Scope, send: Send, allowed: bool) -> None:
        headers: list[tuple[bytes, bytes]] = [(b"content-length", b"0")]
        if allowed:
            requested = _header(scope, b"access-control-request-headers")
            headers += [
                (b"access-control-allow-methods", b"GET, HEAD, POST, PUT, PATCH, DELETE"),
                (b"access-control-max-age", CORS_MAX_AGE),
            ]
            if requested:
                headers.append((b"access-control-allow-headers", requested.encode("latin-1")))
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    def _access_log(self, scope: Scope, status: int, started: float, request_id: str) -> None:
        fields = {
            "http.request.method": scope["method"],
            "url.path": scope["path"],
            "http.response.status_code": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            "client.address": (scope.get("client") or ("", 0))[0],
            "user_agent.original": _header(scope, b"user-agent") or "",
            "request_id": request_id,
        }
        route = _route(scope)
        if route is not None:
            fields["http.route"] = route
        if status >= 500:
            log.error("request completed", **fields)
        else:
            log.info("request completed", **fields)


def _retrieve_outcome(task: asyncio.Future[None]) -> None:
    """The cancelled handler's late failure is expected; retrieving it keeps asyncio quiet."""
    if not task.cancelled():
        task.exception()


def _route(scope: Scope) -> str | None:
    """The matched route template, found exactly as the server span's `http.route` is."""
    if "app" not in scope:
        return None
    return _route_details(scope)
