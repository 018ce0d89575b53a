"""Build step (`python -m app.build`, also run in the Dockerfile): byte-compiles the code, runs
Django's system checks with production settings and collects the admin's static files.
Needs no database or secrets: a placeholder DATABASE_URL is never connected to."""

from __future__ import annotations

import compileall
import os
import sys
from pathlib import Path


def main() -> int:
    os.environ.setdefault("DATABASE_URL", "postgres://build@localhost.invalid/build")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("check", "--deploy", "--fail-level", "ERROR")
    call_command("collectstatic", "--no-input", verbosity=0)
    root = Path(__file__).resolve().parent
    return 0 if compileall.compile_dir(root, quiet=1) else 1


if __name__ == "__main__":
    sys.exit(main())
