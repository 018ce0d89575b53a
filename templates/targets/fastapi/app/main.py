"""Production entry point: `python -m app.main` (the image's ENTRYPOINT).

Order matters: configuration (exit 1 when invalid), logging, telemetry (before the instrumented
libraries connect), then the app and the server. Migrations are a separate command
(`python -m app.migrate`), never run here unless RUN_MIGRATIONS_ON_START=true.
"""

from __future__ import annotations

import asyncio
import sys

from app.platform.config import ConfigError, load_settings
from app.platform.identity import service_identity
from app.platform.logging import configure_logging, get_logger


def main() -> int:
    identity = service_identity()
    try:
        settings = load_settings()
    except ConfigError as error:
        configure_logging("info", identity)
        get_logger("app").error(f"invalid configuration: {error}", problems=error.problems)
        return 1
    configure_logging(settings.LOG_LEVEL, identity)
    log = get_logger("app")

    from app.platform.telemetry import setup_telemetry

    telemetry = setup_telemetry(identity)

    import uvicorn
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    from app.application import AppContext, create_app
    from app.platform.database import Database, create_engine
    from app.platform.http.proxy import TrustedProxy
    from app.platform.http.server import GracefulServer, request_head_guard
    from app.platform.telemetry import EXCLUDED_URLS, redact_query

    if settings.RUN_MIGRATIONS_ON_START:
        from app.migrate import upgrade_head

        upgrade_head()

    context = AppContext(settings, identity, Database(create_engine(settings, identity.name)))
    if settings.APP_ENV == "development" and not settings.DATABASE_URL:
        log.warning("DATABASE_URL is unset: using the embedded development SQLite database (.data/)")
    try:
        app = create_app(context)
    except ConfigError as error:
        log.error(f"invalid configuration: {error}", problems=error.problems)
        return 1
    FastAPIInstrumentor.instrument_app(
        app, excluded_urls=EXCLUDED_URLS, exclude_spans=["receive", "send"], server_request_hook=redact_query
    )

    config = uvicorn.Config(
        TrustedProxy(app, settings.TRUST_PROXY_HOPS),
        host=settings.HOST,
        port=settings.PORT,
        http=request_head_guard(settings.HEADERS_TIMEOUT_MS / 1000, settings.MAX_HEADER_BYTES),
        lifespan="on",
        log_config=None,  # our JSON logging, configured above
        access_log=False,  # the app writes one access line per request, with trace ids
        server_header=False,
        date_header=True,
        proxy_headers=False,  # TrustedProxy applies TRUST_PROXY_HOPS instead
        timeout_keep_alive=max(1, round(settings.KEEP_ALIVE_TIMEOUT_MS / 1000)),
        timeout_graceful_shutdown=max(1, round(settings.SHUTDOWN_TIMEOUT_MS / 1000)),
        h11_max_incomplete_event_size=settings.MAX_HEADER_BYTES,
    )

    def readiness_fails() -> None:
        context.lifecycle.shutting_down = True

    server = GracefulServer(
        config,
        delay_s=settings.SHUTDOWN_DELAY_MS / 1000,
        on_shutdown_started=readiness_fails,
        in_flight=lambda: context.in_flight.count,
    )
    try:
        asyncio.run(server.serve())
    finally:
        telemetry.shutdown()
        log.info("shutdown complete")
    return server.exit_code if server.started else 1


if __name__ == "__main__":
    sys.exit(main())
