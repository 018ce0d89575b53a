"""`python -m app.lint_imports`: import-linter with the project root importable (CI and tests)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from importlinter.cli import lint_imports_command  # noqa: E402

if __name__ == "__main__":
    lint_imports_command()
