"""Environment configuration, validated once at boot (contract §0.2).

Fail fast on configuration, never on dependencies: a bad variable exits 1 with a JSON error line
naming it; an unreachable database only makes /readyz fail. Error messages never echo the value
(DATABASE_URL is a secret).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["trace", "debug", "info", "warn", "error", "fatal"]
NonNegative = Field(ge=0)


class ConfigError(Exception):
    """Configuration problems, one line per variable, never containing the offending value."""

    def __init__(self, issues: list[str]) -> None:
        super().__init__("invalid configuration: " + "; ".join(issues))
        self.issues = issues


class _Env(BaseSettings):
    # Field names are the variable names; unknown variables are ignored.
    model_config = SettingsConfigDict(case_sensitive=True, extra="ignore")

    @classmethod
    def settings_customise_sources(  # type: ignore[override]
        cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
    ):
        # Only the mapping given to load_config (os.environ in production): pure and testable.
        return (init_settings,)

    APP_ENV: Literal["production", "development", "test"] = "production"
    HOST: str = "0.0.0.0"
    PORT: int = Field(default=8080, ge=0, le=65535)
    LOG_LEVEL: LogLevel = "info"
    SHUTDOWN_DELAY_MS: int = Field(default=5000, ge=0)
    SHUTDOWN_TIMEOUT_MS: int = Field(default=20000, ge=0)
    REQUEST_TIMEOUT_MS: int = Field(default=30000, ge=1)
    HEADERS_TIMEOUT_MS: int = Field(default=10000, ge=1)
    KEEP_ALIVE_TIMEOUT_MS: int = Field(default=65000, ge=1)
    BODY_LIMIT_BYTES: int = Field(default=1_048_576, ge=0)
    MAX_HEADER_BYTES: int = Field(default=16384, ge=1024)
    MAX_CONCURRENT_REQUESTS: int = Field(default=1024, ge=1)
    RATE_LIMIT_RPM: int = Field(default=0, ge=0)
    CORS_ALLOWED_ORIGINS: str = ""
    TRUST_PROXY_HOPS: int = Field(default=0, ge=0)
    DATABASE_URL: str | None = None
    DB_POOL_MAX: int = Field(default=10, ge=1)
    DB_POOL_MIN: int = Field(default=0, ge=0)
    DB_POOL_ACQUIRE_TIMEOUT_MS: int = Field(default=5000, ge=1)
    DB_STATEMENT_TIMEOUT_MS: int = Field(default=5000, ge=0)
    DB_IDLE_IN_TX_TIMEOUT_MS: int = Field(default=10000, ge=0)
    HEALTH_CHECK_TIMEOUT_MS: int = Field(default=1000, ge=1)
    OTEL_SERVICE_NAME: str = "app"
    SERVICE_VERSION: str = "0.0.0"
    SQLITE_PATH: str = ".data/dev.sqlite3"
    DJANGO_SECRET_KEY: str = "development-only-not-a-secret"

    @field_validator("DATABASE_URL")
    @classmethod
    def _postgres_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not re.match(r"^postgres(ql)?://", value):
            raise ValueError("must be a postgres:// or postgresql:// URL")
        return value

    @field_validator("CORS_ALLOWED_ORIGINS")
    @classmethod
    def _origins(cls, value: str) -> str:
        for origin in filter(None, (o.strip() for o in value.split(","))):
            if not re.fullmatch(r"https?://[^/\s]+", origin):
                raise ValueError("must be exact origins like https://app.example.com")
        return value


@dataclass(frozen=True)
class Config:
    app_env: str
    service_name: str
    service_version: str
    log_level: LogLevel
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
    present = {k: v for k, v in environ.items() if v != ""}
    try:
        env = _Env(**{k: v for k, v in present.items() if k in _Env.model_fields})
    except ValidationError as error:
        issues = []
        for item in error.errors(include_input=False, include_url=False):
            name = ".".join(str(part) for part in item["loc"])
            issues.append(f"{name} {item['msg'].lower()}")
        raise ConfigError(issues) from None
    if env.DATABASE_URL is None and env.APP_ENV == "production":
        raise ConfigError(
            ["DATABASE_URL is required in production (development uses embedded SQLite)"]
        )
    if env.DB_POOL_MIN > env.DB_POOL_MAX:
        raise ConfigError(["DB_POOL_MIN must not exceed DB_POOL_MAX"])
    return Config(
        app_env=env.APP_ENV,
        service_name=env.OTEL_SERVICE_NAME,
        service_version=_service_version(present, env.SERVICE_VERSION),
        log_level=env.LOG_LEVEL,
        host=env.HOST,
        port=env.PORT,
        shutdown_delay_s=env.SHUTDOWN_DELAY_MS / 1000,
        shutdown_timeout_s=env.SHUTDOWN_TIMEOUT_MS / 1000,
        request_timeout_s=env.REQUEST_TIMEOUT_MS / 1000,
        headers_timeout_s=env.HEADERS_TIMEOUT_MS / 1000,
        keep_alive_timeout_s=env.KEEP_ALIVE_TIMEOUT_MS / 1000,
        body_limit_bytes=env.BODY_LIMIT_BYTES,
        max_header_bytes=env.MAX_HEADER_BYTES,
        max_concurrent_requests=env.MAX_CONCURRENT_REQUESTS,
        rate_limit_rpm=env.RATE_LIMIT_RPM,
        cors_allowed_origins=tuple(
            o.strip() for o in env.CORS_ALLOWED_ORIGINS.split(",") if o.strip()
        ),
        trust_proxy_hops=env.TRUST_PROXY_HOPS,
        database_url=env.DATABASE_URL,
        db_pool_max=env.DB_POOL_MAX,
        db_pool_min=env.DB_POOL_MIN,
        db_acquire_timeout_s=env.DB_POOL_ACQUIRE_TIMEOUT_MS / 1000,
        db_statement_timeout_ms=env.DB_STATEMENT_TIMEOUT_MS,
        db_idle_in_tx_timeout_ms=env.DB_IDLE_IN_TX_TIMEOUT_MS,
        health_check_timeout_s=env.HEALTH_CHECK_TIMEOUT_MS / 1000,
        sqlite_path=env.SQLITE_PATH,
        secret_key=env.DJANGO_SECRET_KEY,
    )
