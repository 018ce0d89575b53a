"""Typed, validated configuration from the environment (contract §0.2), read once at boot.

Fail fast on invalid configuration, never on unreachable dependencies: a bad PORT exits 1 with
the variable's name in the log, a database that is down only makes /readyz fail.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["trace", "debug", "info", "warn", "error", "fatal"]
AppEnv = Literal["development", "test", "production"]

PositiveMs = Annotated[int, Field(ge=0)]


class ConfigError(Exception):
    """Invalid configuration. Carries one message per problem, naming the variable, never its value."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class Settings(BaseSettings):
    # Env vars are matched case-sensitively by their upper-case names; no .env file in production.
    # An empty variable means "unset" (as in Compose files and Kubernetes manifests).
    model_config = SettingsConfigDict(case_sensitive=True, extra="ignore", frozen=True, env_ignore_empty=True)

    APP_ENV: AppEnv = "production"
    HOST: str = "0.0.0.0"
    PORT: int = Field(default=8080, ge=0, le=65535)
    LOG_LEVEL: LogLevel = "info"

    SHUTDOWN_DELAY_MS: PositiveMs = 5000
    SHUTDOWN_TIMEOUT_MS: PositiveMs = 20000
    REQUEST_TIMEOUT_MS: Annotated[int, Field(ge=1)] = 30000
    HEADERS_TIMEOUT_MS: Annotated[int, Field(ge=1)] = 10000
    KEEP_ALIVE_TIMEOUT_MS: Annotated[int, Field(ge=1)] = 65000
    BODY_LIMIT_BYTES: Annotated[int, Field(ge=1)] = 1_048_576
    MAX_HEADER_BYTES: Annotated[int, Field(ge=1024)] = 16_384
    MAX_CONCURRENT_REQUESTS: Annotated[int, Field(ge=1)] = 1024
    RATE_LIMIT_RPM: PositiveMs = 0
    CORS_ALLOWED_ORIGINS: str = ""
    TRUST_PROXY_HOPS: Annotated[int, Field(ge=0)] = 0

    # A secret: validated for presence and shape only, never echoed in errors or logs.
    DATABASE_URL: str | None = Field(default=None, repr=False)
    DB_POOL_MAX: Annotated[int, Field(ge=1)] = 10
    DB_POOL_MIN: PositiveMs = 0
    DB_POOL_ACQUIRE_TIMEOUT_MS: Annotated[int, Field(ge=1)] = 5000
    DB_STATEMENT_TIMEOUT_MS: PositiveMs = 5000
    DB_IDLE_IN_TX_TIMEOUT_MS: PositiveMs = 10000
    HEALTH_CHECK_TIMEOUT_MS: Annotated[int, Field(ge=1)] = 1000
    RUN_MIGRATIONS_ON_START: bool = False

    OTEL_SERVICE_NAME: str | None = None

    @field_validator("CORS_ALLOWED_ORIGINS")
    @classmethod
    def _origins(cls, value: str) -> str:
        for origin in (o.strip() for o in value.split(",") if o.strip()):
            if origin == "*" or "://" not in origin:
                raise ValueError("must be a comma-separated list of exact origins (scheme://host[:port])")
        return value

    @model_validator(mode="after")
    def _database_required_outside_development(self) -> Settings:
        if self.APP_ENV != "development" and not self.DATABASE_URL:
            raise ValueError("DATABASE_URL is required (unset is only allowed with APP_ENV=development)")
        if self.DATABASE_URL and not self.DATABASE_URL.startswith(("postgres://", "postgresql://", "sqlite")):
            raise ValueError("DATABASE_URL must be a postgres:// or postgresql:// URL")
        return self

    @property
    def cors_origins(self) -> frozenset[str]:
        return frozenset(o.strip() for o in self.CORS_ALLOWED_ORIGINS.split(",") if o.strip())


def load_settings() -> Settings:
    """Validates the environment; raises ConfigError naming each bad variable (values never shown)."""
    try:
        return Settings()
    except ValidationError as error:
        problems = []
        for issue in error.errors(include_input=False, include_url=False):
            name = ".".join(str(part) for part in issue["loc"])
            message = issue["msg"].removeprefix("Value error, ")
            problems.append(f"{name}: {message}" if name else message)
        raise ConfigError(problems) from None
