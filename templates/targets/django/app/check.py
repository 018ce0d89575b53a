"""Static checks (`python -m app.check`, the catalog's typecheck step and CI): Django's system
checks at warning level and the module boundaries (import-linter). Needs no database: a
placeholder DATABASE_URL is never connected to."""

from __future__ import annotations

import os
import subprocess
import sys


def main() -> int:
    os.environ.setdefault("DATABASE_URL", "postgres://check@localhost.invalid/check")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("check", "--fail-level", "WARNING")
    return subprocess.call([sys.executable, "-m", "app.lint_imports"])


if __name__ == "__main__":
    sys.exit(main())
