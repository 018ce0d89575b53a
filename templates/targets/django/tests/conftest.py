"""Tests run against real PostgreSQL (DATABASE_URL; pytest-django creates a test_ database)."""

import os

os.environ.setdefault("APP_ENV", "test")
os.environ.setdefault("DATABASE_URL", "postgres://app:app@127.0.0.1:5432/app")
