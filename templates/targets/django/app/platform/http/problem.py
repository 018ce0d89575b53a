"""RFC 9457 problem+json responses, shared by the ASGI middleware and Django views."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from app.platform.logging import request_id_var

PROBLEM_JSON = "application/problem+json"


def problem_body(status: int, detail: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
    }
    if detail is not None:
        body["detail"] = detail
    request_id = request_id_var.get()
    if request_id is not None:
        body["request_id"] = request_id
    body.update(extra)
    return body


async def send_problem(
    send: Any,
    status: int,
    detail: str | None = None,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """Sends a complete problem+json response on a raw ASGI `send`."""
    payload = json.dumps(problem_body(status, detail)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(payload)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
