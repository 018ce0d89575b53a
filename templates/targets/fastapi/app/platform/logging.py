"""JSON logs on stdout with the contract's keys (time, level, msg, service.*, trace_id, span_id).

structlog renders every line, including the standard-library records of uvicorn, SQLAlchemy,
Alembic and the OpenTelemetry SDK, so stdout carries one JSON object per line and nothing else.
"""

from __future__ import annotations

import atexit
import logging
import logging.handlers
import queue
import sys
import traceback
from collections.abc import MutableMapping
from datetime import UTC, datetime
from typing import Any

import structlog
from opentelemetry import trace

from app.platform.identity import ServiceIdentity

TRACE = 5
LEVELS = {
    "trace": TRACE,
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warn": logging.WARNING,
    "error": logging.ERROR,
    "fatal": logging.CRITICAL,
}
# Python's names → the contract's lower-case names.
LEVEL_NAMES = {
    "warning": "warn",
    "critical": "fatal",
    "exception": "error",
    "level 5": "trace",
    "notset": "trace",
}

logging.addLevelName(TRACE, "trace")

Event = MutableMapping[str, Any]


def _drop_console_extras(_: Any, __: str, event: Event) -> Event:
    event.pop("color_message", None)  # uvicorn's ANSI-coloured duplicate of msg
    return event


def _timestamp(_: Any, __: str, event: Event) -> Event:
    event["time"] = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return event


def _level(_: Any, method: str, event: Event) -> Event:
    level = str(event.pop("level", method)).lower()
    event["level"] = LEVEL_NAMES.get(level, level)
    return event


def _service(identity: ServiceIdentity) -> structlog.types.Processor:
    def add(_: Any, __: str, event: Event) -> Event:
        event["service.name"] = identity.name
        event["service.version"] = identity.version
        return event

    return add


def _trace_context(_: Any, __: str, event: Event) -> Event:
    """W3C ids of the active span (the server span while a request is handled)."""
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        event.setdefault("trace_id", format(context.trace_id, "032x"))
        event.setdefault("span_id", format(context.span_id, "016x"))
        event.setdefault("trace_flags", format(context.trace_flags, "02x"))
    return event


def _exception(_: Any, __: str, event: Event) -> Event:
    """Stack traces as one string field (never multi-line output), OTel exception.* keys."""
    exc_info = event.pop("exc_info", None)
    if exc_info is True:
        exc_info = sys.exc_info()
    if isinstance(exc_info, BaseException):
        exc_info = (type(exc_info), exc_info, exc_info.__traceback__)
    if exc_info and exc_info[0] is not None:
        kind, value, tb = exc_info
        event["exception.type"] = f"{kind.__module__}.{kind.__qualname__}".removeprefix("builtins.")
        event["exception.message"] = str(value)
        event["exception.stacktrace"] = "".join(traceback.format_exception(kind, value, tb))
    return event


class ThrottleFilter(logging.Filter):
    """At most `per_minute` records a minute from the named loggers (the OpenTelemetry exporters
    log every failed export: an unreachable collector must not flood stdout, contract C6)."""

    def __init__(self, prefix: str, per_minute: int) -> None:
        super().__init__()
        self.prefix = prefix
        self.per_minute = per_minute
        self.window = -1
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(self.prefix):
            return True
        window = int(record.created // 60)
        if window != self.window:
            self.window, self.count = window, 0
        self.count += 1
        if self.count == self.per_minute:
            record.msg = f"{record.getMessage()} (further {self.prefix} messages suppressed this minute)"
            record.args = None
        return self.count <= self.per_minute


_listener: logging.handlers.QueueListener | None = None


def configure_logging(level: str, identity: ServiceIdentity) -> None:
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        _drop_console_extras,
        _timestamp,
        _level,
        _service(identity),
        _trace_context,
        _exception,
    ]
    renderer: list[structlog.types.Processor] = [
        structlog.processors.EventRenamer("msg"),
        structlog.processors.JSONRenderer(sort_keys=False),
    ]
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            structlog.stdlib.add_log_level,
            *shared,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[structlog.stdlib.add_log_level, structlog.stdlib.ExtraAdder(), *shared],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *renderer],
    )
    # Lines are rendered in the caller (trace ids and request id come from its context), then
    # written by a background thread: a slow stdout reader (a busy log collector, a full pipe) must
    # never block the event loop. The queue is bounded; when full, lines are dropped, not waited for.
    records: queue.Queue[logging.LogRecord] = queue.Queue(maxsize=10_000)
    handler = logging.handlers.QueueHandler(records)
    handler.setFormatter(formatter)
    handler.addFilter(ThrottleFilter("opentelemetry", per_minute=5))
    writer = logging.StreamHandler(sys.stdout)
    writer.setFormatter(logging.Formatter("%(message)s"))
    global _listener
    if _listener is not None:
        _listener.stop()
    _listener = logging.handlers.QueueListener(records, writer)
    _listener.start()
    atexit.register(flush_logs)
    # A closed stdout (the log collector went away) must not turn every log call into a traceback.
    logging.raiseExceptions = False
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(LEVELS[level])
    # uvicorn installs its own handlers when it configures logging; route them to the root instead.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "alembic"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    # The access log is written by the app (one line per request, with trace ids).
    logging.getLogger("uvicorn.access").disabled = True


def flush_logs() -> None:
    """Writes every queued line (at exit, and before exiting on a configuration error)."""
    global _listener
    if _listener is not None:
        _listener.stop()
        _listener = None


def get_logger(name: str = "app") -> structlog.stdlib.BoundLogger:
    return structlog.stdlib.get_logger(name)
