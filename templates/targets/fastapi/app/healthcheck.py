"""`python -m app.healthcheck`: the image's HEALTHCHECK client (distroless has no curl).

Exits 0 when GET http://127.0.0.1:$PORT/livez answers 200 within 2 s, else 1. Standard library
only, so it starts fast and imports nothing of the app.
"""

from __future__ import annotations

import os
import sys
import urllib.request


def main() -> int:
    port = os.environ.get("PORT", "8080")
    if not port.isdigit() or not 0 < int(port) < 65536:
        return 1
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
