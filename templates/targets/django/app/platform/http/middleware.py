"""Production HTTP defaults as plain ASGI middleware around Django (contract §1.6, §2.7).

They run on the event loop before Django, so shedding, limits and deadlines cost no thread and
answer in microseconds. Outermost first (see app/asgi.py):

ProxyHeaders -> SecurityHeaders -> HeaderLimit -> Probes -> Observability -> RateLimit
-> Overload -> Cors -> Deadline -> BodyLimit -> Django
"""

from __future__ import annotations

import asyncio
import math
import re
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import metrics, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from app.platform.http.problem import send_problem
from app.platform.lifecycle import lifecycle
from app.platform.logging import get_logger, request_id_var
from app.platform.request_scope import RequestScope, current_request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PROBE_PATHS = frozenset({"/livez", "/readyz"})
ROUTE_KEY = "csb.route"  # set by RouteTemplateMiddleware (Django) once the URL resolved
# An error sent before the body was read ends the connection (the rest of the body is never read).
CLOSE = [(b"connection", b"close")]
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]

log = get_logger("app.http")


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def is_probe(scope: Scope) -> bool:
    return scope["type"] == "http" and scope["path"] in PROBE_PATHS


class ProxyHeaders:
    """Trusts X-Forwarded-For/-Proto from exactly TRUST_PROXY_HOPS proxies (0 = ignore them)."""

    def __init__(self, app: ASGIApp, hops: int) -> None:
        self.app, self.hops = app, hops

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.hops > 0:
            forwarded = [
                p.strip() for p in (header(scope, b"x-forwarded-for") or "").split(",") if p.strip()
            ]
            if forwarded:
                client = forwarded[-min(self.hops, len(forwarded))]
                scope["client"] = (client, 0)
            protos = [p.strip() for p in (header(scope, b"x-forwarded-proto") or "").split(",")]
            if protos[-1] in ("http", "https"):
                scope["scheme"] = protos[-1]
        await self.app(scope, receive, send)


class SecurityHeaders:
    """OWASP REST headers on every response; HSTS only over (trusted) HTTPS."""

    STATIC = [
        (b"x-content-type-options", b"nosniff"),
        (b"content-security-policy", b"frame-ancestors 'none'"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in {b"x-frame-options", b"server", b"x-powered-by"}
                ]
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.STATIC if k not in present]
                if b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                if scope.get("scheme") == "https":
                    headers.append(
                        (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
                    )
                if lifecycle.shutting_down:
                    # Tell keep-alive clients to reconnect (elsewhere) while the replica drains.
                    headers.append((b"connection", b"close"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, secured)


class HeaderLimit:
    """MAX_HEADER_BYTES across all request headers: 431 (h11 only bounds a header block that
    arrives in pieces; one that arrives whole is measured here)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = sum(len(k) + len(v) + 4 for k, v in scope.get("headers", []))
            if size > self.limit:
                return await send_problem(send, 431, "Request headers are too large.", CLOSE)
        await self.app(scope, receive, send)


class Observability:
    """Request ID, SERVER span, access log and http.server.* metrics of every non-probe request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.tracer = trace.get_tracer("app.http")
        meter = metrics.get_meter("app.http")
        self.duration = meter.create_histogram(
            "http.server.request.duration",
            unit="s",
            description="Duration of HTTP server requests.",
            explicit_bucket_boundaries_advisory=DURATION_BUCKETS,
        )
        self.active = meter.create_up_down_counter(
            "http.server.active_requests", unit="{request}", description="In-flight requests."
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        inbound = header(scope, b"x-request-id")
        request_id = inbound if inbound and REQUEST_ID.match(inbound) else str(uuid.uuid4())
        token = request_id_var.set(request_id)
        method = scope["method"]
        client = (scope.get("client") or ("", 0))[0]
        user_agent = header(scope, b"user-agent")
        base_attrs = {"http.request.method": method, "url.scheme": scope.get("scheme", "http")}
        carrier = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        # The inbound trace context and baggage become current, so outbound calls forward them.
        context_token = otel_context.attach(propagate.extract(carrier))
        span = self.tracer.start_span(
            method,
            kind=SpanKind.SERVER,
            attributes={
                **base_attrs,
                "url.path": scope["path"],
                "network.protocol.version": scope.get("http_version", "1.1"),
                "client.address": client,
                **({"user_agent.original": user_agent} if user_agent else {}),
                **({"server.address": scope["server"][0]} if scope.get("server") else {}),
            },
        )
        status = 500
        response_started = False
        self.active.add(1, base_attrs)

        async def observed(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        error: BaseException | None = None
        with trace.use_span(span, end_on_exit=False):
            try:
                await self.app(scope, receive, observed)
            except Exception as exc:  # noqa: BLE001 - the last line of defence: log, answer 500
                error = exc
                log.error("unhandled error", exc_info=exc)
                if not response_started:
                    await send_problem(observed, 500)
            finally:
                self._finish(scope, span, started, status, base_attrs, client, user_agent, error)
                self.active.add(-1, base_attrs)
                request_id_var.reset(token)
                otel_context.detach(context_token)

    def _finish(
        self,
        scope: Scope,
        span: trace.Span,
        started: float,
        status: int,
        base_attrs: dict[str, str],
        client: str,
        user_agent: str | None,
        error: BaseException | None,
    ) -> None:
        duration = time.perf_counter() - started
        route = scope.get(ROUTE_KEY)
        metric_attrs: dict[str, Any] = {**base_attrs, "http.response.status_code": status}
        if route:
            metric_attrs["http.route"] = route
            span.set_attribute("http.route", route)
            span.update_name(f"{scope['method']} {route}")
        span.set_attribute("http.response.status_code", status)
        if status >= 500:
            error_type = type(error).__qualname__ if error is not None else str(status)
            metric_attrs["error.type"] = error_type
            span.set_attribute("error.type", error_type)
            span.set_status(Status(StatusCode.ERROR))
        self.duration.record(duration, metric_attrs)
        fields: dict[str, Any] = {
            "http.request.method": scope["method"],
            "url.path": scope["path"],
            "http.response.status_code": status,
            "duration_ms": round(duration * 1000, 3),
            "client.address": client,
            "user_agent.original": user_agent,
        }
        if route:
            fields["http.route"] = route
        if status >= 500:
            log.error("request completed", **fields)
        else:
            log.info("request completed", **fields)
        span.end()


class RateLimit:
    """Per-client fixed one-minute window (RATE_LIMIT_RPM; 0 = off): 429 with Retry-After."""

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app, self.limit = app, per_minute
        self.window_start = 0.0
        self.counts: dict[str, int] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limit == 0:
            return await self.app(scope, receive, send)
        now = time.monotonic()
        if now - self.window_start >= 60:
            self.window_start, self.counts = now, {}
        client = (scope.get("client") or ("", 0))[0]
        used = self.counts.get(client, 0) + 1
        self.counts[client] = used
        reset = max(1, math.ceil(60 - (now - self.window_start)))
        policy = [(b"ratelimit-policy", f'"default";q={self.limit};w=60'.encode())]
        if used > self.limit:
            state = f'"default";r=0;t={reset}'.encode()
            await send_problem(
                send,
                429,
                "Too many requests, retry later.",
                [(b"retry-after", str(reset).encode()), (b"ratelimit", state), *policy],
            )
            return
        await self.app(scope, receive, send)


class Overload:
    """Sheds load above MAX_CONCURRENT_REQUESTS in-flight requests: 503 + Retry-After, at once."""

    def __init__(self, app: ASGIApp, max_in_flight: int) -> None:
        self.app, self.max = app, max_in_flight

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if lifecycle.in_flight >= self.max:
            await send_problem(
                send, 503, "Server is at capacity, retry later.", [(b"retry-after", b"1")]
            )
            return
        lifecycle.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            lifecycle.in_flight -= 1


class Cors:
    """Exact-origin CORS (CORS_ALLOWED_ORIGINS; empty = no CORS headers at all)."""

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        self.app, self.origins = app, frozenset(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = header(scope, b"origin") if scope["type"] == "http" else None
        if not self.origins or origin is None:
            return await self.app(scope, receive, send)
        allowed = origin in self.origins
        if scope["method"] == "OPTIONS" and header(scope, b"access-control-request-method"):
            headers = [(b"vary", b"Origin")]
            if allowed:
                requested = header(scope, b"access-control-request-headers") or ""
                headers += [
                    (b"access-control-allow-origin", origin.encode()),
                    (b"access-control-allow-methods", b"GET, HEAD, POST, PUT, PATCH, DELETE"),
                    (b"access-control-allow-headers", requested.encode()),
                    (b"access-control-max-age", b"600"),
                ]
            await send({"type": "http.response.start", "status": 204, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"vary", b"Origin")]
                if allowed:
                    extra.append((b"access-control-allow-origin", origin.encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_cors)


class Deadline:
    """REQUEST_TIMEOUT_MS handler deadline: 504 problem+json, then the view is told the client left.

    Django cancels its view task itself when it sees http.disconnect, so nothing is cancelled
    under its feet; a sync view's thread finishes on its own and its response is discarded.
    """

    def __init__(self, app: ASGIApp, timeout_s: float) -> None:
        self.app, self.timeout = app, timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        expired = asyncio.Event()
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if expired.is_set():
                return  # the 504 went out already
            started = started or message["type"] == "http.response.start"
            await send(message)

        async def guarded_receive() -> Message:
            if expired.is_set():
                return {"type": "http.disconnect"}
            inbound = asyncio.ensure_future(receive())
            deadline = asyncio.ensure_future(expired.wait())
            try:
                await asyncio.wait({inbound, deadline}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                deadline.cancel()
                if not inbound.done():
                    inbound.cancel()
            return inbound.result() if not inbound.cancelled() else {"type": "http.disconnect"}

        request_scope = RequestScope()
        token = current_request.set(request_scope)
        task = asyncio.ensure_future(self.app(scope, guarded_receive, guarded_send))
        current_request.reset(token)
        done, _ = await asyncio.wait({task}, timeout=self.timeout)
        if task in done:
            return task.result()
        # Stop what the request started (running queries are cancelled on the server).
        asyncio.get_running_loop().run_in_executor(None, request_scope.abandon)
        if not started:
            expired.set()
            # The request body may be unread: close the connection rather than resync it.
            await send_problem(send, 504, "The request took too long.", [(b"connection", b"close")])
        else:
            expired.set()
        try:
            await asyncio.wait_for(task, timeout=2)
        except (TimeoutError, asyncio.CancelledError):
            pass


class BodyLimit:
    """BODY_LIMIT_BYTES: 413 as soon as the declared or streamed size passes the limit.

    Django reads the whole body before calling a view anyway; here it is read first, bounded, and
    replayed, so an oversized (or chunked) upload is refused without consuming the rest of it.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await send_problem(send, 413, f"Body exceeds {self.limit} bytes.", CLOSE)
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if size > self.limit:
                return await send_problem(send, 413, f"Body exceeds {self.limit} bytes.", CLOSE)
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
