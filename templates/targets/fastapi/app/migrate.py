"""`python -m app.migrate`: applies the Alembic migrations (app/migrations) up to every head.

A separate step (CI, a Kubernetes Job, or `dev`), never part of a production start: many
replicas starting at once would race on the schema (contract C68).
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from app.platform.config import ConfigError, load_settings
from app.platform.identity import service_identity
from app.platform.logging import configure_logging, get_logger

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade_head(connection: Connection | None = None) -> None:
    """Migrates every branch to its head (each module owns a branch), on `connection` when given
    (inside a caller's transaction), else via DATABASE_URL."""
    config = alembic_config()
    if connection is not None:
        config.attributes["connection"] = connection
    command.upgrade(config, "heads")


def main() -> int:
    identity = service_identity()
    try:
        settings = load_settings()
    except ConfigError as error:
        configure_logging("info", identity)
        get_logger("app").error(f"invalid configuration: {error}", problems=error.problems)
        return 1
    configure_logging(settings.LOG_LEVEL, identity)
    upgrade_head()
    get_logger("app").info("migrations applied")
    return 0


if __name__ == "__main__":
    sys.exit(main())
