"""Alembic environment: runs the migrations over the app's own async engine (same URL rules)."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from app.platform.config import load_settings
from app.platform.database import create_engine
from app.platform.identity import service_identity


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=None, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


async def _migrate() -> None:
    engine = create_engine(load_settings(), f"{service_identity().name}-migrate")
    async with engine.connect() as async_connection:
        await async_connection.run_sync(_run)
        await async_connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run `python -m app.migrate`")
connection = context.config.attributes.get("connection")
if connection is not None:  # a caller's open connection (the tests): migrate on it
    _run(connection)
else:
    asyncio.run(_migrate())
