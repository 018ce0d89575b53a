"""The connection pool: SQLAlchemy 2 async over asyncpg (PostgreSQL), or aiosqlite in development.

Pool bounds and timeouts come from config and are explicit (contract C65-C67): a request waits at
most DB_POOL_ACQUIRE_TIMEOUT_MS for a connection, then fails with 503; every session carries
application_name, statement_timeout and idle_in_transaction_session_timeout.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path

from opentelemetry.instrumentation.utils import suppress_instrumentation
from sqlalchemy import event, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from app.platform.config import Settings

# Development only: an embedded SQLite file so `dev` runs with no services installed. PostgreSQL
# is the production database; SQLite is never used outside APP_ENV=development.
DEV_SQLITE_URL = "sqlite+aiosqlite:///.data/dev.sqlite3"


def async_url(url: str) -> str:
    """postgres://… (the usual DATABASE_URL form) → the SQLAlchemy asyncpg driver URL."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def database_url(settings: Settings) -> str:
    if settings.DATABASE_URL:
        return async_url(settings.DATABASE_URL)
    return DEV_SQLITE_URL


def create_engine(settings: Settings, service_name: str) -> AsyncEngine:
    url = database_url(settings)
    if url.startswith("sqlite"):
        Path(".data").mkdir(exist_ok=True)
        return create_async_engine(url)
    engine = create_async_engine(
        url,
        pool_size=settings.DB_POOL_MAX,
        max_overflow=0,  # DB_POOL_MAX is a hard cap on sessions per process
        pool_timeout=settings.DB_POOL_ACQUIRE_TIMEOUT_MS / 1000,
        # No pre-ping: it would add a round trip to every checkout and, against an unreachable
        # server, its timeout to the request's. A dead connection fails one query (503), and
        # SQLAlchemy then invalidates the pool so the next checkout reconnects.
        pool_recycle=1800,
        connect_args={
            "timeout": max(settings.HEALTH_CHECK_TIMEOUT_MS, settings.DB_POOL_ACQUIRE_TIMEOUT_MS) / 1000,
            # Client-side bound on every command: statement_timeout is enforced by the server, which
            # cannot answer when the network to it is gone (a black-holed connection).
            "command_timeout": (
                settings.DB_STATEMENT_TIMEOUT_MS / 1000 + 0.25 if settings.DB_STATEMENT_TIMEOUT_MS else None
            ),
            "server_settings": {
                "application_name": service_name,
                "statement_timeout": str(settings.DB_STATEMENT_TIMEOUT_MS),
                "idle_in_transaction_session_timeout": str(settings.DB_IDLE_IN_TX_TIMEOUT_MS),
            },
        },
    )
    event.listen(engine.sync_engine, "handle_error", _client_timeout_is_disconnect)
    return engine


def _client_timeout_is_disconnect(context: ExceptionContext) -> None:
    """A command that timed out on the client (the server did not answer at all) leaves the
    connection in an unknown state: discard it instead of sending it a ROLLBACK that would wait
    for the same unreachable server."""
    error = context.original_exception
    if isinstance(error, TimeoutError) or isinstance(error.__cause__, TimeoutError):
        context.is_disconnect = True
        # Invalidation would first try a graceful close, waiting up to 2 s for the same server:
        # drop the socket now instead.
        pooled = context.connection.connection if context.connection is not None else None
        driver = getattr(pooled, "driver_connection", None)
        if driver is not None and hasattr(driver, "terminate"):
            driver.terminate()


def _consume_result(task: asyncio.Future[None]) -> None:
    if not task.cancelled():
        task.exception()  # retrieved, so asyncio does not log "exception was never retrieved"


@dataclass(frozen=True)
class PingResult:
    ok: bool
    elapsed_ms: float


class Database:
    """The engine plus a session factory; modules get sessions, never the engine."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    async def ping(self, timeout_s: float) -> PingResult:
        """SELECT 1 answered within timeout_s; untraced (probes produce no spans, contract C15).

        The probe answers at the deadline even when the driver is stuck on an unreachable server:
        the attempt is cancelled in the background instead of waiting for its cleanup.
        """
        started = time.perf_counter()
        with suppress_instrumentation():
            attempt = asyncio.ensure_future(self._select_one())
        done, _ = await asyncio.wait({attempt}, timeout=timeout_s)
        if not done:
            attempt.cancel()
            attempt.add_done_callback(_consume_result)
        ok = bool(done) and attempt.exception() is None
        return PingResult(ok=ok, elapsed_ms=(time.perf_counter() - started) * 1000)

    async def _select_one(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def close(self) -> None:
        await self.engine.dispose()
