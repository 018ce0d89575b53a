"""Periodic background jobs in the server process (one replica or many: make jobs idempotent).

Each job runs on its own interval, never overlapping itself; a failing run is logged and the next
one still happens. Jobs stop before the database closes on shutdown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from app.platform.logging import get_logger

log = get_logger("app.jobs")


@dataclass(frozen=True)
class Job:
    name: str
    every_s: float
    run: Callable[[], Awaitable[None]]


class JobScheduler:
    def __init__(self) -> None:
        self.jobs: list[Job] = []
        self._tasks: list[asyncio.Task[None]] = []

    def add(self, job: Job) -> None:
        self.jobs.append(job)

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._loop(job), name=f"job:{job.name}") for job in self.jobs]

    async def run_once(self, name: str) -> None:
        job = next(job for job in self.jobs if job.name == name)
        await self._run(job)

    async def _loop(self, job: Job) -> None:
        while True:
            await asyncio.sleep(job.every_s)
            await self._run(job)

    async def _run(self, job: Job) -> None:
        try:
            await job.run()
        except Exception:
            log.error("job failed", exc_info=True, job=job.name)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []


def parse_interval(text: str) -> float:
    """`30s`, `5m`, `1h` → seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    return float(text[:-1]) * units[text[-1]]
