"""The module contract: what a business module receives and what it gives back to the platform.

A module is a package under app/modules/ whose __init__.py exposes `module` (an AppModule) and its
public API; other modules import only that (enforced by import-linter, `lint-imports`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter

from app.platform.database import Database
from app.platform.events import EventBus
from app.platform.jobs import JobScheduler


@dataclass(frozen=True)
class ModuleDependencies:
    database: Database
    events: EventBus
    jobs: JobScheduler


@dataclass(frozen=True)
class AppModule:
    name: str
    route_prefix: str
    setup: Callable[[ModuleDependencies], APIRouter]
