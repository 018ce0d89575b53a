"""RFC 9457 problem+json responses, and the mapping of infrastructure failures to HTTP status."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from starlette.responses import JSONResponse

PROBLEM_JSON = "application/problem+json"


class HttpProblem(Exception):
    """Raise from a handler to answer with a problem+json (4xx/5xx) response."""

    def __init__(self, status: int, detail: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail or HTTPStatus(status).phrase)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def problem_body(status: int, detail: str | None = None, request_id: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    if detail:
        body["detail"] = detail
    if request_id:
        body["request_id"] = request_id
    return body


def problem_response(
    status: int,
    detail: str | None = None,
    request_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, detail, request_id), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


# SQLSTATE classes that mean "the database cannot serve this now", not "the request is wrong":
# connection exception, invalid authorization, insufficient resources, operator intervention
# (query_canceled by statement_timeout, admin shutdown), plus lock_not_available.
UNAVAILABLE_SQLSTATE_CLASSES = frozenset({"08", "28", "53", "57"})
UNAVAILABLE_SQLSTATES = frozenset({"55P03"})


def unavailable_status(error: BaseException) -> int | None:
    """503 for a dependency that is down, slow or saturated; None for a real bug (500)."""
    import sqlalchemy.exc

    if isinstance(error, sqlalchemy.exc.TimeoutError):  # no pooled connection within the acquire timeout
        return 503
    if isinstance(error, (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError)):
        return 503
    if isinstance(error, sqlalchemy.exc.DBAPIError):
        if error.connection_invalidated:
            return 503
        cause = error.orig.__cause__ if error.orig is not None else None
        sqlstate = str(getattr(cause, "sqlstate", "") or "")
        if sqlstate[:2] in UNAVAILABLE_SQLSTATE_CLASSES or sqlstate in UNAVAILABLE_SQLSTATES:
            return 503
    # Driver-level failures: refused/reset connections, client-side command timeouts.
    if isinstance(error, (ConnectionError, OSError, TimeoutError)):
        return 503
    return None
