"""Django DATABASES from the validated config (contract §1.6 "DB pools").

PostgreSQL uses psycopg 3 with Django's built-in connection pool (Django >= 5.1): bounded by
DB_POOL_MAX, failing with 503 after DB_POOL_ACQUIRE_TIMEOUT_MS instead of queueing forever, and
every session carries application_name, statement_timeout and idle_in_transaction_session_timeout.
Without DATABASE_URL (development only) Django's SQLite backend is the embedded default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from app.platform.config import Config


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
