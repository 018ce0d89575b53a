"""JSON logs on stdout, one object per line (contract §1.3).

structlog renders every line, including the stdlib loggers of Django and uvicorn, with the keys
time/level/msg, service.name/service.version, trace_id/span_id/trace_flags of the current span
and the request_id of the current request. Stacks go into exception.stacktrace as one string.
"""

from __future__ import annotations

import contextvars
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

import structlog
from opentelemetry import trace

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

# Contract level names -> stdlib numbers ("trace" sits below DEBUG, "fatal" is CRITICAL).
TRACE = 5
LEVELS = {"trace": TRACE, "debug": 10, "info": 20, "warn": 30, "error": 40, "fatal": 50}
_NAMES = {TRACE: "trace", 10: "debug", 20: "info", 30: "warn", 40: "error", 50: "fatal"}


def _time(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    now = datetime.now(UTC)
    event["time"] = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
    return event


def _level(_: Any, method: str, event: dict[str, Any]) -> dict[str, Any]:
    record = event.get("_record")
    number = record.levelno if record is not None else LEVELS.get(method, None)
    if number is None:
        number = {"warning": 30, "exception": 40, "critical": 50}.get(method, 20)
    event["level"] = _NAMES.get(number, "info") if number in _NAMES else _nearest(number)
    return event


def _nearest(number: int) -> str:
    return _NAMES[max(n for n in _NAMES if n <= max(number, TRACE))]


def _rename_event(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    event["msg"] = str(event.pop("event", ""))
    return event


def _trace_context(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        event["trace_id"] = format(context.trace_id, "032x")
        event["span_id"] = format(context.span_id, "016x")
        # W3C "sampled" bit only (the SDK may also set the level-2 "random" bit on new roots).
        event["trace_flags"] = format(context.trace_flags & 0x01, "02x")
    request_id = request_id_var.get()
    if request_id is not None:
        event.setdefault("request_id", request_id)
    return event


def _exception(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    exc_info = event.pop("exc_info", None)
    if exc_info is True:
        exc_info = sys.exc_info()
    if isinstance(exc_info, BaseException):
        exc_info = (type(exc_info), exc_info, exc_info.__traceback__)
    if exc_info and exc_info[0] is not None:
        exc_type, exc, tb = exc_info
        event["exception.type"] = f"{exc_type.__module__}.{exc_type.__qualname__}"
        event["exception.message"] = str(exc)
        event["exception.stacktrace"] = "".join(traceback.format_exception(exc_type, exc, tb))
    return event


def _drop_internal(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    event.pop("_record", None)
    event.pop("_from_structlog", None)
    event.pop("color_message", None)
    return event


class _RateLimit(logging.Filter):
    """At most `per_minute` records a minute from noisy loggers (telemetry export errors while
    the collector is down: the app keeps working, the log must not drown, C6). A handler filter,
    because a logger's own filters do not apply to its children's records."""

    def __init__(self, per_minute: int, prefixes: tuple[str, ...]) -> None:
        super().__init__()
        self.per_minute = per_minute
        self.prefixes = prefixes
        self.window = 0.0
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(self.prefixes):
            return True
        if record.created - self.window >= 60:
            self.window, self.count = record.created, 0
        self.count += 1
        return self.count <= self.per_minute


def configure_logging(level: str, service_name: str, service_version: str) -> None:
    def _service(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
        event["service.name"] = service_name
        event["service.version"] = service_version
        return event

    shared = [
        structlog.contextvars.merge_contextvars,
        _time,
        _level,
        _service,
        _trace_context,
        _exception,
        _rename_event,
    ]
    renderer = structlog.processors.JSONRenderer()
    threshold = LEVELS[level]
    structlog.configure(
        processors=[*shared, _drop_internal, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(threshold),
        logger_factory=structlog.PrintLoggerFactory(sys.stdout),
        cache_logger_on_first_use=True,
    )
    # stdlib loggers (django, uvicorn, opentelemetry) share the renderer.
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[_drop_internal, renderer],
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(threshold)
    # uvicorn's own access log is replaced by the platform's (one line per request, with route).
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "django", "django.server"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True
    handler.addFilter(_RateLimit(per_minute=5, prefixes=("opentelemetry.", "urllib3.")))
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # the platform logs 5xx itself


def get_logger(name: str = "app") -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)
