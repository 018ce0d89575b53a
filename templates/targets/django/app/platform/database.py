"""Django DATABASES from the validated config (contract §1.6 "DB pools").

PostgreSQL uses psycopg 3 with Django's built-in connection pool (Django >= 5.1): bounded by
DB_POOL_MAX, failing with 503 after DB_POOL_ACQUIRE_TIMEOUT_MS instead of queueing forever, and
every session carries application_name, statement_timeout and idle_in_transaction_session_timeout.
Without DATABASE_URL (development only) Django's SQLite backend is the embedded default.
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from app.platform.config import Config
from app.platform.request_scope import current_request


def database_settings(config: Config) -> dict[str, Any]:
    if config.database_url is None:
        path = Path(config.sqlite_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}
    url = urlsplit(config.database_url)
    query = dict(parse_qsl(url.query))
    session = (
        f"-c statement_timeout={config.db_statement_timeout_ms}"
        f" -c idle_in_transaction_session_timeout={config.db_idle_in_tx_timeout_ms}"
    )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(url.path.lstrip("/")),
        "USER": unquote(url.username or ""),
        "PASSWORD": unquote(url.password or ""),
        "HOST": url.hostname or "",
        "PORT": str(url.port or ""),
        # Pooled connections must not also be persistent (Django requires CONN_MAX_AGE=0).
        "CONN_MAX_AGE": 0,
        "OPTIONS": {
            **query,
            "application_name": config.service_name,
            "options": session,
            "connect_timeout": 5,
            "pool": {
                "min_size": config.db_pool_min,
                "max_size": config.db_pool_max,
                "timeout": config.db_acquire_timeout_s,
                # psycopg_pool retries a failed connect with doubling delays (1, 2, 4, ... s):
                # giving up early lets the next request start afresh, so recovery after a
                # database outage takes seconds, not the length of the last backoff.
                "reconnect_timeout": max(config.db_acquire_timeout_s, 1.0),
            },
        },
    }


def close_database_pools() -> None:
    """Shutdown step 5: close every pooled session so the database sees no leftovers."""
    from django.db import connections

    for alias in connections:
        wrapper = connections[alias]
        close_pool = getattr(wrapper, "close_pool", None)
        if close_pool is not None:
            close_pool()
        wrapper.close()


def _sever(raw: Any) -> None:
    # A black-holed server answers neither the query nor a cancel request: shutting the socket
    # down makes the blocked read fail at once; the pool then discards the broken connection.
    try:
        with socket.socket(fileno=os.dup(raw.fileno())) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _cancel(raw: Any) -> None:
    try:
        raw.cancel_safe(timeout=1)
    except Exception:  # noqa: BLE001 - best effort: the backstop still ends the query
        pass


def query_guard(backstop_s: float) -> Any:
    """Django execute wrapper: a query ends when its request is abandoned (server-side cancel)
    and, as a client-side backstop, DB_STATEMENT_TIMEOUT_MS + 1 s after it started even when the
    server never answers (S11, S12)."""

    def guard(execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        raw = context["connection"].connection
        if raw is None or context["connection"].vendor != "postgresql":
            return execute(sql, params, many, context)
        timer = threading.Timer(backstop_s, _sever, args=(raw,))
        timer.daemon = True
        timer.start()
        request = current_request.get()
        cancel = lambda: _cancel(raw)  # noqa: E731
        if request is not None:
            request.on_abandon(cancel)
        try:
            return execute(sql, params, many, context)
        finally:
            timer.cancel()
            if request is not None:
                request.discard(cancel)

    return guard


def install_query_guard(config: Config) -> None:
    """Adds the guard to every database connection as Django opens it."""
    from django.db.backends.signals import connection_created

    guard = query_guard(config.db_statement_timeout_ms / 1000 + 1)

    def add_guard(sender: Any, connection: Any, **kwargs: Any) -> None:
        if guard not in connection.execute_wrappers:
            connection.execute_wrappers.append(guard)

    connection_created.connect(add_guard, weak=False)
