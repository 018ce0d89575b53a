"""Docker HEALTHCHECK client (`python -m app.healthcheck`): exit 0 when /livez answers 200.

The runtime image has no curl or shell; Python's standard library is the client. Kubernetes
ignores HEALTHCHECK and uses the probes in k8s/.
"""

from __future__ import annotations

import os
import sys
import urllib.request


def main() -> int:
    port = os.environ.get("PORT", "8080")
    if not port.isdigit():
        return 1
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2) as response:
            return 0 if response.status == 200 else 1
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        return 1


if __name__ == "__main__":
    sys.exit(main())
