"""Settings for the test run (pytest-django loads them before any conftest): the app's own, on a
test database. SQLite by default (pytest-django makes an in-memory one), so `pytest` needs no
services; with TEST_DATABASE_URL=postgres://… the same tests run on real PostgreSQL (pytest-django
creates and drops a test_ database beside that one, so the role needs CREATEDB)."""

import os

os.environ.setdefault("APP_ENV", "test")
if os.environ.get("TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["TEST_DATABASE_URL"]

from app.settings import *  # noqa: E402, F403
