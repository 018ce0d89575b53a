from __future__ import annotations

import os
import re

from django.urls import URLPattern, path

from app.platform.config import ConfigError
from app.platform.conformance import views
from app.platform.logging import get_logger


def fixture_urls() -> list[URLPattern]:
    enabled = os.environ.get("CONFORMANCE_FIXTURES", "false") or "false"
    if enabled not in ("true", "false"):
        raise ConfigError(["CONFORMANCE_FIXTURES must be true or false"])
    if enabled != "true":
        return []
    try:
        views.OUTBOUND_ALLOW = re.compile(os.environ.get("CONFORMANCE_OUTBOUND_ALLOW") or "(?!)")
    except re.error:
        raise ConfigError(
            ["CONFORMANCE_OUTBOUND_ALLOW must be a valid regular expression"]
        ) from None
    get_logger("app").warning(
        "conformance fixture routes are mounted under /__conformance (CONFORMANCE_FIXTURES=true)"
    )
    return [
        path("__conformance/sleep", views.sleep),
        path("__conformance/echo", views.echo),
        path("__conformance/items/<str:id>", views.item),
        path("__conformance/error", views.error),
        path("__conformance/db", views.db),
        path("__conformance/db/settings", views.db_settings),
        path("__conformance/outbound", views.outbound),
    ]
