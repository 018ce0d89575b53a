"""`python -m tools.lint`: style and bugs (ruff), then the module boundaries (import-linter).

One command for CI and for the generator's checks; each tool's own exit code decides.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent

CHECKS = [
    [str(BIN / "ruff"), "check", "."],
    [str(BIN / "ruff"), "format", "--check", "."],
    [str(BIN / "lint-imports")],
]


def main() -> int:
    failed = 0
    for argv in CHECKS:
        print(f"$ {' '.join(Path(argv[0]).name if i == 0 else a for i, a in enumerate(argv))}", flush=True)
        failed |= subprocess.run(argv, check=False).returncode  # noqa: S603 - fixed argv
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
