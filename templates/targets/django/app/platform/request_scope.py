"""Work a request started that must stop when the request is abandoned (handler deadline,
client gone): database queries register a cancel callback here while they run."""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable


class RequestScope:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancels: set[Callable[[], None]] = set()
        self.abandoned = False

    def on_abandon(self, cancel: Callable[[], None]) -> None:
        with self._lock:
            self._cancels.add(cancel)

    def discard(self, cancel: Callable[[], None]) -> None:
        with self._lock:
            self._cancels.discard(cancel)

    def abandon(self) -> None:
        """Runs every registered cancel (blocking: call it off the event loop)."""
        with self._lock:
            self.abandoned = True
            cancels = list(self._cancels)
        for cancel in cancels:
            cancel()


# Set per request by the Deadline middleware; asgiref copies it into the view's thread.
current_request: contextvars.ContextVar[RequestScope | None] = contextvars.ContextVar(
    "current_request", default=None
)
