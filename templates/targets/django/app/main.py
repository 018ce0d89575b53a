"""Production entry point: `python -m app.main` (the Dockerfile's ENTRYPOINT).

Order matters: configuration is validated first (exit 1 on a bad variable), then logging and
telemetry start, then Django loads and the server binds. The listener opens only once everything
is initialised, so "answers /livez" means "started".
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
from datetime import UTC, datetime
from typing import Any

from app.platform.config import ConfigError, load_config


def _fail_config(error: ConfigError) -> None:
    # Written without the logging stack: a bad variable exits 1 within milliseconds (C2, S29).
    now = datetime.now(UTC)
    line = {
        "time": now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z",
        "level": "fatal",
        "msg": str(error),
        "issues": error.issues,
        "service.name": os.environ.get("OTEL_SERVICE_NAME", "app"),
        "service.version": "unknown",
    }
    print(json.dumps(line), flush=True)
    sys.exit(1)


def main() -> None:
    try:
        config = load_config(dict(os.environ))
    except ConfigError as error:
        _fail_config(error)
        return
    from app.platform.logging import configure_logging, get_logger

    configure_logging(config.log_level, config.service_name, config.service_version)
    log = get_logger("app")

    from app.platform.telemetry import start_telemetry

    telemetry = start_telemetry()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")
    import django

    django.setup(set_prefix=False)
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - load the URLs (and their config checks) at boot
    configure_logging(config.log_level, config.service_name, config.service_version)

    from app.asgi import build_application
    from app.platform.database import close_database_pools
    from app.platform.server import GracefulServer, uvicorn_config

    if config.app_env == "development" and config.database_url is None:
        # Embedded SQLite (development only): bring its schema up to date on start.
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)

    from app.platform.jobs import run_jobs_forever

    background: list[asyncio.Future[Any]] = []

    async def cleanup() -> None:
        for task in background:
            task.cancel()
        await asyncio.to_thread(close_database_pools)
        log.info("database pool closed; flushing telemetry")
        await asyncio.to_thread(telemetry.shutdown)

    server = GracefulServer(uvicorn_config(build_application(config), config), config, cleanup)

    def crash(message: str, exc: BaseException | None) -> None:
        # A bug outside any request: log it with its stack, then shut down gracefully, exit 1.
        log.critical(message, exc_info=exc)
        server.begin_shutdown("unexpected error", exit_code=1)

    def on_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = str(context.get("message", "unhandled error in the event loop"))
        if context.get("exception") is None:
            log.warning(message)  # e.g. a task garbage-collected while pending: no error raised
        else:
            crash(message, context["exception"])

    def on_thread_error(args: threading.ExceptHookArgs) -> None:
        crash(f"unhandled error in thread {getattr(args.thread, 'name', '?')}", args.exc_value)

    threading.excepthook = on_thread_error

    async def serve() -> None:
        asyncio.get_running_loop().set_exception_handler(on_loop_error)
        background.append(asyncio.ensure_future(run_jobs_forever()))
        log.info("listening", port=config.port, host=config.host)
        await server.serve()

    asyncio.run(serve())
    log.info("stopped", exit_code=server.exit_code)
    sys.exit(server.exit_code)


if __name__ == "__main__":
    main()
