"""uvicorn, with the two things it lacks for the contract: a header-read timeout and the
shutdown sequence of contract §1.2 (readiness flip → keep serving SHUTDOWN_DELAY_MS → stop
accepting → drain for at most SHUTDOWN_TIMEOUT_MS → close pools → flush telemetry → exit 0).

Both hook documented extension points (the `http` protocol class, `Server.handle_exit` and
`Server.shutdown`); the uvicorn version is pinned by uv.lock and these hooks are covered by the
project's tests (tests/test_server.py).
"""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.platform.logging import get_logger

log = get_logger("app.server")


def _raw_problem(status: int, reason: str) -> bytes:
    body = json.dumps({"type": "about:blank", "title": reason, "status": status}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\ncache-control: no-store\r\n"
        "x-content-type-options: nosniff\r\nx-frame-options: DENY\r\nreferrer-policy: no-referrer\r\n"
        "content-security-policy: default-src 'none'; frame-ancestors 'none'\r\n\r\n"
    )
    return head.encode("latin-1") + body


def request_head_guard(headers_timeout_s: float, max_head_bytes: int) -> type[H11Protocol]:
    """An h11 protocol that bounds each request head in time and size.

    Time: uvicorn's keep-alive timer stops at the first byte of a request, so a client trickling
    header bytes (slowloris) would hold the connection forever. The timer here starts with the
    connection or the first byte of each request and stops when h11 has parsed the whole head, so
    an idle keep-alive connection is governed by the keep-alive timeout alone (contract C54, C55).

    Size: h11's buffer limit only applies to a head that arrives in pieces; a large head in one
    read is parsed whole. Counting the bytes before the head completes answers 431 either way (C53).
    """

    class RequestHeadGuard(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None
        _head_bytes = 0

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm_head_timer()

        def data_received(self, data: bytes) -> None:
            if self.conn.their_state is h11.IDLE:
                self._arm_head_timer()
                self._head_bytes += len(data)
                if self._head_bytes > max_head_bytes and not self._head_complete(data):
                    self._refuse(431, "Request Header Fields Too Large")
                    return
            super().data_received(data)
            if self.conn.their_state is not h11.IDLE:
                self._disarm_head_timer()
                self._head_bytes = 0

        def _head_complete(self, data: bytes) -> bool:
            # A pipelined or body-carrying read may hold more than the head: measure the head only.
            end = data.find(b"\r\n\r\n")
            return end != -1 and self._head_bytes - len(data) + end <= max_head_bytes

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm_head_timer()
            super().connection_lost(exc)

        def _refuse(self, status: int, reason: str) -> None:
            self._disarm_head_timer()
            if not self.transport.is_closing():
                self.transport.write(_raw_problem(status, reason))
                self.transport.close()

        def _arm_head_timer(self) -> None:
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(headers_timeout_s, self._head_timed_out)

        def _disarm_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return RequestHeadGuard


class GracefulServer(uvicorn.Server):
    """SIGTERM/SIGINT → on_shutdown_started() (readiness 503) → delay → uvicorn's drain → exit 0."""

    def __init__(
        self,
        config: uvicorn.Config,
        *,
        delay_s: float,
        on_shutdown_started: Callable[[], None],
        in_flight: Callable[[], int],
    ) -> None:
        super().__init__(config)
        self.delay_s = delay_s
        self.on_shutdown_started = on_shutdown_started
        self.in_flight = in_flight
        self._shutdown_requested = False
        self.exit_code = 0
        self._loop: asyncio.AbstractEventLoop | None = None

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        # Runs in the signal handler: hand over to the event loop, never re-raise the signal later
        # (uvicorn's default), so the exit code is 0 after a clean drain.
        if self._shutdown_requested:
            log.warning(
                "second signal: exiting without waiting for in-flight requests",
                signal=signal.Signals(sig).name,
            )
            self.force_exit = True
            self.should_exit = True
            return
        self._shutdown_requested = True
        if self._loop is None:  # not started yet: nothing to drain
            self.should_exit = True
            return
        self._loop.call_soon_threadsafe(self._begin_shutdown, signal.Signals(sig).name)

    def _begin_shutdown(self, signal_name: str) -> None:
        self.on_shutdown_started()
        log.info(
            "shutdown started: readiness is failing, still serving during the delay",
            signal=signal_name,
            delay_ms=int(self.delay_s * 1000),
        )
        asyncio.get_running_loop().call_later(self.delay_s, self._stop_accepting)

    def _stop_accepting(self) -> None:
        self.should_exit = True

    async def startup(self, sockets: list | None = None) -> None:  # type: ignore[override]
        self._loop = asyncio.get_running_loop()
        self._loop.set_exception_handler(self._on_unhandled_error)
        await super().startup(sockets)

    def _on_unhandled_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """A bug outside any request (a callback or a forgotten task raised): log it with its stack,
        then shut down gracefully and exit 1, so the orchestrator restarts a clean process."""
        error = context.get("exception")
        if error is None or isinstance(error, (OSError, asyncio.CancelledError)):
            # asyncio's own notices (a peer reset a socket, a task destroyed while pending): not fatal.
            log.error(str(context.get("message", "asyncio error")), exc_info=error)
            return
        log.critical(
            f"unhandled error outside a request: {error}",
            exc_info=error,
            **{"asyncio.message": str(context.get("message", ""))},
        )
        self.exit_code = 1
        self.handle_exit(signal.SIGTERM, None)

    async def shutdown(self, sockets: list | None = None) -> None:  # type: ignore[override]
        watchdog = asyncio.create_task(self._report_forced_shutdown())
        try:
            await super().shutdown(sockets)
        finally:
            watchdog.cancel()

    async def _report_forced_shutdown(self) -> None:
        """Logs the forced-shutdown line (contract C18) when requests still run at the drain deadline."""
        timeout = self.config.timeout_graceful_shutdown or 0
        await asyncio.sleep(max(0.0, timeout - 0.2))
        aborted = self.in_flight()
        if aborted > 0:
            log.warning(
                f"forced shutdown: aborting {aborted} in-flight request(s) after the drain timeout",
                aborted_requests=aborted,
                shutdown_timeout_ms=int(timeout * 1000),
            )
