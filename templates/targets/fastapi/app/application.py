"""The composition root: builds the FastAPI app from the platform pieces and the modules.

Used by app.main (the real process) and by the tests (an app over a test database, no server).
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

from app.modules import APP_MODULES
from app.platform.config import Settings
from app.platform.database import Database
from app.platform.errors import HttpProblem, problem_response
from app.platform.events import EventBus
from app.platform.health import HealthRoutes, Lifecycle, database_check
from app.platform.http.middleware import InFlight, PlatformMiddleware
from app.platform.identity import ServiceIdentity
from app.platform.jobs import JobScheduler
from app.platform.modules import ModuleDependencies


@dataclass
class AppContext:
    settings: Settings
    identity: ServiceIdentity
    database: Database
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    in_flight: InFlight = field(default_factory=InFlight)
    events: EventBus = field(default_factory=EventBus)
    jobs: JobScheduler = field(default_factory=JobScheduler)


def _request_id(request: Request) -> str | None:
    return request.scope.get("state", {}).get("request_id")


def _install_error_handlers(app: FastAPI) -> None:
    async def http_problem(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, HttpProblem)
        return problem_response(error.status, error.detail, _request_id(request), error.headers)

    async def starlette_http(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        return problem_response(error.status_code, None, _request_id(request), dict(error.headers or {}))

    async def validation(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        # Field locations and messages only: the submitted values are never echoed.
        detail = "; ".join(
            f"{'.'.join(str(p) for p in issue['loc'])}: {issue['msg']}" for issue in error.errors()
        )
        return problem_response(400, detail, _request_id(request))

    app.add_exception_handler(HttpProblem, http_problem)
    app.add_exception_handler(StarletteHTTPException, starlette_http)
    app.add_exception_handler(RequestValidationError, validation)


def create_app(context: AppContext) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        context.jobs.start()
        yield
        # After uvicorn has drained the requests: jobs, then event handlers, then the pool.
        await context.jobs.stop()
        await context.events.drain()
        await context.database.close()

    app = FastAPI(
        lifespan=lifespan,
        openapi_url="/openapi.json" if context.settings.APP_ENV == "development" else None,
        docs_url="/docs" if context.settings.APP_ENV == "development" else None,
        redoc_url=None,
    )
    _install_error_handlers(app)
    app.add_middleware(
        PlatformMiddleware,
        settings=context.settings,
        in_flight=context.in_flight,
        shutting_down=lambda: context.lifecycle.shutting_down,
    )

    health = HealthRoutes(
        context.identity,
        context.lifecycle,
        [database_check(context.database, context.settings.HEALTH_CHECK_TIMEOUT_MS / 1000)],
    )
    app.include_router(health.router())

    deps = ModuleDependencies(database=context.database, events=context.events, jobs=context.jobs)
    for module in APP_MODULES:
        app.include_router(module.setup(deps), prefix=module.route_prefix, tags=[module.name])

    # Test fixtures of the conformance suite: the file exists only in projects generated with them.
    if importlib.util.find_spec("app.platform.conformance") is not None:
        from app.platform.conformance import register_conformance_fixtures

        register_conformance_fixtures(app, context.database, context.settings)
    return app
