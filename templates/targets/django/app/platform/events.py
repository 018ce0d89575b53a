"""In-process domain events: modules publish facts, other modules subscribe, neither imports the
other's internals. Handlers run after the publisher's transaction commits; a failing handler is
logged and never breaks the publisher."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction

from app.platform.logging import get_logger

Handler = Callable[[dict[str, Any]], None]
_handlers: dict[str, list[Handler]] = defaultdict(list)
log = get_logger("app.events")


def subscribe(event_name: str, handler: Handler) -> None:
    _handlers[event_name].append(handler)


def _deliver(event_name: str, payload: dict[str, Any]) -> None:
    for handler in list(_handlers[event_name]):
        try:
            handler(payload)
        except Exception as error:  # noqa: BLE001 - isolate subscribers from each other
            log.error("event handler failed", event_name=event_name, exc_info=error)


def publish(event_name: str, payload: dict[str, Any]) -> None:
    transaction.on_commit(lambda: _deliver(event_name, payload))
