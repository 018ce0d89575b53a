"""uvicorn, single process, with the contract's shutdown sequence and a header-read deadline.

One process per container: the OpenTelemetry Prometheus exporter has no multi-process mode, and
Kubernetes scales replicas instead (contract §1.5). Django runs under ASGI so that limits,
shedding and deadlines are answered on the event loop while views run in per-request threads.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from types import FrameType
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.platform.config import Config
from app.platform.lifecycle import lifecycle
from app.platform.logging import get_logger

log = get_logger("app.server")


class HeaderDeadlineH11Protocol(H11Protocol):
    """Closes a connection whose request headers are not complete within HEADERS_TIMEOUT_MS.

    uvicorn only has a keep-alive timeout, which a client resets with every byte (slowloris,
    C54). The deadline starts with the connection or with the first byte of the next request on
    a kept-alive connection, so idle keep-alive time never counts against it (C55).
    """

    headers_timeout_s = 10.0

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._headers_deadline: asyncio.TimerHandle | None = None
        self._arm()

    def _arm(self) -> None:
        if self._headers_deadline is None:
            self._headers_deadline = self.loop.call_later(self.headers_timeout_s, self._expire)

    def _disarm(self) -> None:
        if self._headers_deadline is not None:
            self._headers_deadline.cancel()
            self._headers_deadline = None

    def _expire(self) -> None:
        self._headers_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm()
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


class GracefulServer(uvicorn.Server):
    """SIGTERM/SIGINT: readiness fails, requests are still served for SHUTDOWN_DELAY_MS, then the
    listener closes, in-flight requests drain for up to SHUTDOWN_TIMEOUT_MS, pools and telemetry
    close (contract §1.2). A second signal skips the wait."""

    def __init__(self, config: uvicorn.Config, app_config: Config, cleanup: Any) -> None:
        super().__init__(config)
        self.app_config = app_config
        self.cleanup = cleanup
        self.exit_code = 0

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if lifecycle.shutting_down:
            self.force_exit = True
            self.should_exit = True
            return
        self.begin_shutdown(f"received {signal.Signals(sig).name}")

    def begin_shutdown(self, reason: str, exit_code: int = 0) -> None:
        if lifecycle.shutting_down:
            return
        self.exit_code = exit_code
        lifecycle.begin_shutdown()
        delay = self.app_config.shutdown_delay_s
        log.info(
            "shutdown started: readiness fails, still serving during the delay",
            reason=reason,
            shutdown_delay_ms=int(delay * 1000),
        )
        timer = threading.Timer(delay, self._stop_listening)
        timer.daemon = True
        timer.start()

    def _stop_listening(self) -> None:
        self.should_exit = True

    async def shutdown(self, sockets: Any = None) -> None:
        log.info("closing the listener and draining in-flight requests")
        for server in self.servers:
            server.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        try:
            await asyncio.wait_for(self._drained(), timeout=self.app_config.shutdown_timeout_s)
        except TimeoutError:
            aborted = len(self.server_state.tasks)
            log.warning(
                f"forced shutdown: aborting {aborted} in-flight request(s) after the drain timeout",
                aborted_requests=aborted,
            )
            for task in self.server_state.tasks:
                task.cancel()
            for connection in list(self.server_state.connections):
                connection.transport.close()
        await self.cleanup()
        # uvicorn would re-raise the signal after serve(); the exit code is ours instead.
        self._captured_signals.clear()

    async def _drained(self) -> None:
        while (self.server_state.connections or self.server_state.tasks) and not self.force_exit:
            await asyncio.sleep(0.05)


def uvicorn_config(app: Any, config: Config) -> uvicorn.Config:
    HeaderDeadlineH11Protocol.headers_timeout_s = config.headers_timeout_s
    return uvicorn.Config(
        app,
        host=config.host,
        port=config.port,
        http=HeaderDeadlineH11Protocol,
        lifespan="off",
        log_config=None,
        access_log=False,
        server_header=False,
        proxy_headers=False,  # ProxyHeaders middleware applies TRUST_PROXY_HOPS instead
        timeout_keep_alive=config.keep_alive_timeout_s,  # type: ignore[arg-type]
        timeout_graceful_shutdown=int(config.shutdown_timeout_s),
        h11_max_incomplete_event_size=config.max_header_bytes,
    )
