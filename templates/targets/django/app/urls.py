"""Root URLs: the admin, every module's URLs (app/installed_modules.py) and, in projects generated
with --conformance-fixtures, the test fixtures (mounted only when CONFORMANCE_FIXTURES=true)."""

from __future__ import annotations

import importlib.util

from django.contrib import admin
from django.urls import include, path

from app.installed_modules import MODULES

urlpatterns = [
    path("admin/", admin.site.urls),
    *(path("", include(f"app.modules.{name}.urls")) for name in MODULES),
]

if importlib.util.find_spec("app.platform.conformance") is not None:
    from app.platform.conformance.urls import fixture_urls

    urlpatterns += fixture_urls()
