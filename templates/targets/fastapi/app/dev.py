"""Development entry point: `python -m app.dev`. Same server as production, APP_ENV=development,
so an unset DATABASE_URL uses the embedded SQLite file in .data/ (development only), migrated
at start."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("APP_ENV", "development")
os.environ.setdefault("RUN_MIGRATIONS_ON_START", "true")
os.environ.setdefault("OTEL_TRACES_EXPORTER", "none")

from app.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
