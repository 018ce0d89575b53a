"""In-process domain events: modules publish facts, other modules subscribe by event name.

Handlers run after the publisher's work, each isolated: a failing handler is logged with the
event name and never fails the publisher or the other handlers. (Delivery is in-memory and
at-most-once; move to an outbox table when an event must survive a crash.)
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from app.platform.logging import get_logger

log = get_logger("app.events")


@dataclass(frozen=True)
class DomainEvent:
    name: str
    payload: dict[str, Any]


Handler = Callable[[DomainEvent], Awaitable[None]]


class EventBus:
    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = defaultdict(list)
        self._pending: set[asyncio.Task[None]] = set()

    def subscribe(self, name: str, handler: Handler) -> None:
        self._handlers[name].append(handler)

    def handlers_for(self, name: str) -> list[Handler]:
        return list(self._handlers.get(name, []))

    def publish(self, event: DomainEvent) -> None:
        for handler in self._handlers.get(event.name, []):
            task = asyncio.create_task(self._deliver(handler, event))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def _deliver(self, handler: Handler, event: DomainEvent) -> None:
        try:
            await handler(event)
        except Exception:
            log.error(
                "event handler failed",
                exc_info=True,
                event_name=event.name,
                handler=getattr(handler, "__qualname__", repr(handler)),
            )

    async def drain(self, timeout_s: float = 5.0) -> None:
        """Waits for handlers still running (on shutdown, before the database closes)."""
        if self._pending:
            await asyncio.wait(set(self._pending), timeout=timeout_s)
