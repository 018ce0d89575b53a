"""The in-process event bus and job scheduler: failures are isolated and logged, never fatal."""

from __future__ import annotations

import asyncio

from app.platform.events import DomainEvent, EventBus
from app.platform.jobs import Job, JobScheduler, parse_interval


async def test_a_failing_handler_does_not_stop_the_others() -> None:
    bus = EventBus()
    seen: list[str] = []

    async def broken(_: DomainEvent) -> None:
        raise RuntimeError("handler bug")

    async def working(event: DomainEvent) -> None:
        seen.append(event.name)

    bus.subscribe("x.happened", broken)
    bus.subscribe("x.happened", working)
    bus.publish(DomainEvent("x.happened", {}))
    await bus.drain()
    assert seen == ["x.happened"]


async def test_jobs_run_on_their_interval_and_stop() -> None:
    runs = 0

    async def tick() -> None:
        nonlocal runs
        runs += 1
        if runs == 1:
            raise RuntimeError("first run fails, the next still happens")

    scheduler = JobScheduler()
    scheduler.add(Job("tick", 0.01, tick))
    scheduler.start()
    while runs < 3:
        await asyncio.sleep(0.01)
    await scheduler.stop()
    assert runs >= 3


def test_parse_interval() -> None:
    assert [parse_interval(t) for t in ("30s", "5m", "1h")] == [30, 300, 3600]
