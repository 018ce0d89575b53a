"""/livez and /readyz in the IETF health+json format (contract §0.3, C9-C15).

Liveness checks only this process; dependencies are readiness concerns, so a database outage takes
replicas out of the load balancer without restarting them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter
from starlette.responses import JSONResponse

from app.platform.database import Database
from app.platform.identity import ServiceIdentity

HEALTH_JSON = "application/health+json"


@dataclass
class Lifecycle:
    """Process state the probes report; flipped by the server on SIGTERM."""

    shutting_down: bool = False


@dataclass(frozen=True)
class CheckResult:
    key: str  # componentName:measurementName
    component_type: str
    ok: bool
    observed_ms: float


HealthCheck = Callable[[], Awaitable[CheckResult]]


def database_check(database: Database, timeout_s: float) -> HealthCheck:
    component = "postgres" if database.dialect == "postgresql" else database.dialect

    async def check() -> CheckResult:
        result = await database.ping(timeout_s)
        return CheckResult(f"{component}:connection", "datastore", result.ok, result.elapsed_ms)

    return check


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _health(status: str, identity: ServiceIdentity, http_status: int, **extra: Any) -> JSONResponse:
    body = {"status": status, "serviceId": identity.name, "version": identity.version, **extra}
    return JSONResponse(
        body, status_code=http_status, media_type=HEALTH_JSON, headers={"cache-control": "no-store"}
    )


@dataclass
class HealthRoutes:
    identity: ServiceIdentity
    lifecycle: Lifecycle
    checks: list[HealthCheck] = field(default_factory=list)

    def router(self) -> APIRouter:
        router = APIRouter()
        router.add_api_route("/livez", self.livez, methods=["GET", "HEAD"], include_in_schema=False)
        router.add_api_route("/readyz", self.readyz, methods=["GET", "HEAD"], include_in_schema=False)
        return router

    async def livez(self) -> JSONResponse:
        return _health("pass", self.identity, 200)

    async def readyz(self) -> JSONResponse:
        if self.lifecycle.shutting_down:
            return _health("fail", self.identity, 503, notes=["shutting down"])
        results = await asyncio.gather(*(check() for check in self.checks))
        checks = {
            result.key: [
                {
                    "componentType": result.component_type,
                    "status": "pass" if result.ok else "fail",
                    "observedValue": round(result.observed_ms, 1),
                    "observedUnit": "ms",
                    "time": _now(),
                }
            ]
            for result in results
        }
        ok = all(result.ok for result in results)
        return _health("pass" if ok else "fail", self.identity, 200 if ok else 503, checks=checks)
