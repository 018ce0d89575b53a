"""/livez and /readyz in the health+json format (contract §0.3), answered in ASGI before Django.

Liveness checks only this process; readiness adds the database, each check bounded by
HEALTH_CHECK_TIMEOUT_MS. Probes are never logged, traced, rate limited or shed (C15).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import time
from datetime import UTC, datetime
from typing import Any

from django.db import connection

from app.platform.config import Config
from app.platform.http.middleware import PROBE_PATHS, ASGIApp, Receive, Scope, Send
from app.platform.lifecycle import lifecycle

# Checks block on the database driver, so they run on a small dedicated pool: a hung database
# fills these threads, never the request threads, and the probe still answers within its timeout.
_check_threads = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="health")


def _now() -> str:
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def _ping_database() -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connection.close()  # back to the pool; this thread keeps nothing open


class Probes:
    def __init__(self, app: ASGIApp, config: Config) -> None:
        self.app, self.config = app, config
        self.database_key = f"{'postgres' if config.database_url else 'sqlite'}:connection"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in PROBE_PATHS:
            return await self.app(scope, receive, send)
        if scope["method"] not in ("GET", "HEAD"):
            status, body = 405, {"status": "fail", "notes": ["method not allowed"]}
        elif scope["path"] == "/livez":
            status, body = 200, self._report("pass")
        elif lifecycle.shutting_down:
            status, body = 503, self._report("fail", notes=["shutting down"])
        else:
            status, body = await self._readiness()
        payload = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/health+json"),
                    (b"cache-control", b"no-store"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else payload}
        )

    def _report(self, status: str, **extra: Any) -> dict[str, Any]:
        return {
            "status": status,
            "serviceId": self.config.service_name,
            "version": self.config.service_version,
            **extra,
        }

    async def _readiness(self) -> tuple[int, dict[str, Any]]:
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        try:
            await asyncio.wait_for(
                loop.run_in_executor(_check_threads, _ping_database),
                timeout=self.config.health_check_timeout_s,
            )
            result = {"status": "pass"}
        except TimeoutError:
            result = {"status": "fail", "output": "no answer in time"}
        except Exception:  # noqa: BLE001 - never the driver's message: it names hosts and users
            result = {"status": "fail", "output": "check failed"}
        check = {
            "componentType": "datastore",
            **result,
            "observedValue": round((time.perf_counter() - started) * 1000),
            "observedUnit": "ms",
            "time": _now(),
        }
        status = check["status"]
        return (200 if status == "pass" else 503), self._report(
            status, checks={self.database_key: [check]}
        )
