"""Shared fixtures: an app over a migrated test database, driven in-process through httpx.

By default the database is a throwaway SQLite file, so `pytest` needs nothing installed. With
TEST_DATABASE_URL=postgres://… the same tests run against real PostgreSQL, in a schema of their
own that is dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app.application import AppContext, create_app
from app.migrate import upgrade_head
from app.platform.config import Settings
from app.platform.database import Database, async_url
from app.platform.identity import ServiceIdentity

IDENTITY = ServiceIdentity(name="test-svc", version="0.0.0-test")


@pytest.fixture(scope="session")
async def engine(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[AsyncEngine]:
    url = os.environ.get("TEST_DATABASE_URL", "")
    schema = None
    if not url:
        path = tmp_path_factory.mktemp("db") / "test.sqlite3"
        test_engine = create_async_engine(f"sqlite+aiosqlite:///{path}")
    else:
        schema = f"test_{secrets.token_hex(6)}"
        admin = create_async_engine(async_url(url))
        async with admin.begin() as connection:
            await connection.execute(text(f"CREATE SCHEMA {schema}"))
        test_engine = create_async_engine(
            async_url(url),
            pool_size=5,
            connect_args={"server_settings": {"search_path": schema, "application_name": IDENTITY.name}},
        )
    async with test_engine.begin() as connection:
        await connection.run_sync(upgrade_head)
    yield test_engine
    await test_engine.dispose()
    if schema is not None:
        async with admin.begin() as connection:
            await connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        await admin.dispose()


@pytest.fixture
async def database(engine: AsyncEngine) -> Database:
    db = Database(engine)
    async with db.sessions.begin() as session:
        await session.execute(text("DELETE FROM notes"))
    return db


def make_settings(**overrides: object) -> Settings:
    return Settings(APP_ENV="test", DATABASE_URL="postgres://unused@127.0.0.1/unused", **overrides)  # type: ignore[arg-type]


@pytest.fixture
def context(database: Database) -> AppContext:
    return AppContext(make_settings(), IDENTITY, database)


@pytest.fixture
async def client(context: AppContext) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(context)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http
