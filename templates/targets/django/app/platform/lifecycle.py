"""Process-wide lifecycle state shared by the server, the probes and the shutdown sequence."""

from __future__ import annotations

import threading


class Lifecycle:
    def __init__(self) -> None:
        self._shutting_down = threading.Event()
        self.in_flight = 0

    @property
    def shutting_down(self) -> bool:
        return self._shutting_down.is_set()

    def begin_shutdown(self) -> None:
        """Step 1 of the shutdown sequence: readiness fails from now on."""
        self._shutting_down.set()


lifecycle = Lifecycle()
