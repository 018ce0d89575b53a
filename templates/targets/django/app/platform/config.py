"""Environment configuration, validated once at boot (contract §0.2).

Fail fast on configuration, never on dependencies: a bad variable exits 1 with a JSON error line
naming it; an unreachable database only makes /readyz fail. Error messages never echo the value
(DATABASE_URL is a secret).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVELS = ("trace", "debug", "info", "warn", "error", "fatal")
APP_ENVS = ("production", "development", "test")


class ConfigError(Exception):
    """Configuration problems, one line per variable, never containing the offending value."""

    def __init__(self, issues: list[str]) -> None:
        super().__init__("invalid configuration: " + "; ".join(issues))
        self.issues = issues


class _Reader:
    """Reads variables with defaults and collects every problem before failing (stdlib only:
    the fail-fast path must exit well within 2 s, before any heavy import)."""

    def __init__(self, environ: dict[str, str]) -> None:
        self.env = {k: v for k, v in environ.items() if v != ""}
        self.issues: list[str] = []

    def text(self, name: str, default: str) -> str:
        return self.env.get(name, default)

    def choice(self, name: str, default: str, allowed: tuple[str, ...]) -> str:
        value = self.env.get(name, default)
        if value not in allowed:
            self.issues.append(f"{name} must be one of {', '.join(allowed)}")
            return default
        return value

    def integer(self, name: str, default: int, minimum: int = 0, maximum: int = 2**53) -> int:
        raw = self.env.get(name)
        if raw is None:
            return default
        if not re.fullmatch(r"\d+", raw) or not minimum <= int(raw) <= maximum:
            self.issues.append(f"{name} must be an integer from {minimum} to {maximum}")
            return default
        return int(raw)


@dataclass(frozen=True)
class Config:
    app_env: str
    service_name: str
    service_version: str
    log_level: str
    host: str
    port: int
    shutdown_delay_s: float
    shutdown_timeout_s: float
    request_timeout_s: float
    headers_timeout_s: float
    keep_alive_timeout_s: float
    body_limit_bytes: int
    max_header_bytes: int
    max_concurrent_requests: int
    rate_limit_rpm: int
    cors_allowed_origins: tuple[str, ...]
    trust_proxy_hops: int
    database_url: str | None
    db_pool_max: int
    db_pool_min: int
    db_acquire_timeout_s: float
    db_statement_timeout_ms: int
    db_idle_in_tx_timeout_ms: int
    health_check_timeout_s: float
    sqlite_path: str
    secret_key: str


def _service_version(env: dict[str, str], fallback: str) -> str:
    # OTEL_RESOURCE_ATTRIBUTES may carry service.version; it wins over the build default.
    for pair in env.get("OTEL_RESOURCE_ATTRIBUTES", "").split(","):
        key, _, value = pair.partition("=")
        if key.strip() == "service.version" and value.strip():
            return value.strip()
    return fallback


def load_config(environ: dict[str, str]) -> Config:
    """Validates the environment; raises ConfigError naming each bad variable, never its value."""
    r = _Reader(environ)
    app_env = r.choice("APP_ENV", "production", APP_ENVS)
    database_url = r.env.get("DATABASE_URL")
    if database_url is not None and not re.match(r"^postgres(ql)?://", database_url):
        r.issues.append("DATABASE_URL must be a postgres:// or postgresql:// URL")
    if database_url is None and app_env == "production":
        r.issues.append("DATABASE_URL is required in production (development uses embedded SQLite)")
    origins = tuple(o.strip() for o in r.text("CORS_ALLOWED_ORIGINS", "").split(",") if o.strip())
    if any(not re.fullmatch(r"https?://[^/\s]+", origin) for origin in origins):
        r.issues.append("CORS_ALLOWED_ORIGINS must be exact origins like https://app.example.com")
    pool_max = r.integer("DB_POOL_MAX", 10, minimum=1)
    pool_min = r.integer("DB_POOL_MIN", 0)
    if pool_min > pool_max:
        r.issues.append("DB_POOL_MIN must not exceed DB_POOL_MAX")
    config = Config(
        app_env=app_env,
        service_name=r.text("OTEL_SERVICE_NAME", "app"),
        service_version=_service_version(r.env, r.text("SERVICE_VERSION", "0.0.0")),
        log_level=r.choice("LOG_LEVEL", "info", LEVELS),
        host=r.text("HOST", "0.0.0.0"),
        port=r.integer("PORT", 8080, maximum=65535),
        shutdown_delay_s=r.integer("SHUTDOWN_DELAY_MS", 5000) / 1000,
        shutdown_timeout_s=r.integer("SHUTDOWN_TIMEOUT_MS", 20000) / 1000,
        request_timeout_s=r.integer("REQUEST_TIMEOUT_MS", 30000, minimum=1) / 1000,
        headers_timeout_s=r.integer("HEADERS_TIMEOUT_MS", 10000, minimum=1) / 1000,
        keep_alive_timeout_s=r.integer("KEEP_ALIVE_TIMEOUT_MS", 65000, minimum=1) / 1000,
        body_limit_bytes=r.integer("BODY_LIMIT_BYTES", 1_048_576),
        max_header_bytes=r.integer("MAX_HEADER_BYTES", 16384, minimum=1024),
        max_concurrent_requests=r.integer("MAX_CONCURRENT_REQUESTS", 1024, minimum=1),
        rate_limit_rpm=r.integer("RATE_LIMIT_RPM", 0),
        cors_allowed_origins=origins,
        trust_proxy_hops=r.integer("TRUST_PROXY_HOPS", 0),
        database_url=database_url,
        db_pool_max=pool_max,
        db_pool_min=pool_min,
        db_acquire_timeout_s=r.integer("DB_POOL_ACQUIRE_TIMEOUT_MS", 5000, minimum=1) / 1000,
        db_statement_timeout_ms=r.integer("DB_STATEMENT_TIMEOUT_MS", 5000),
        db_idle_in_tx_timeout_ms=r.integer("DB_IDLE_IN_TX_TIMEOUT_MS", 10000),
        health_check_timeout_s=r.integer("HEALTH_CHECK_TIMEOUT_MS", 1000, minimum=1) / 1000,
        sqlite_path=r.text("SQLITE_PATH", ".data/dev.sqlite3"),
        secret_key=r.text("DJANGO_SECRET_KEY", "development-only-not-a-secret"),
    )
    if r.issues:
        raise ConfigError(r.issues)
    return config
