"""Recurring background jobs on the server's event loop, registered by modules.

A job runs in a worker thread (so it may use the ORM), never overlaps itself, and a failure is
logged, not fatal. With several replicas every replica runs every job: keep jobs idempotent, or
move them to a Kubernetes CronJob running `python manage.py <command>`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections

from app.platform.logging import get_logger

log = get_logger("app.jobs")


@dataclass(frozen=True)
class Job:
    name: str
    every_s: float
    run: Callable[[], None]


_jobs: list[Job] = []


def register_job(name: str, every_s: float, run: Callable[[], None]) -> None:
    _jobs.append(Job(name, every_s, run))


def registered_jobs() -> list[Job]:
    return list(_jobs)


def run_job_once(job: Job) -> None:
    try:
        job.run()
    except Exception as error:  # noqa: BLE001 - a failed run is logged and retried next time
        log.error("job failed", job=job.name, exc_info=error)
    finally:
        close_old_connections()


async def run_jobs_forever() -> None:
    async def loop(job: Job) -> None:
        while True:
            await asyncio.sleep(job.every_s)
            await asyncio.to_thread(run_job_once, job)

    await asyncio.gather(*(loop(job) for job in _jobs))
