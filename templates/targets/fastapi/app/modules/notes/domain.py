"""The notes domain: a titled text, with the limits the service enforces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000


@dataclass(frozen=True)
class Note:
    id: UUID
    title: str
    body: str
    created_at: datetime
