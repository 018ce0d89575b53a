"""Django settings, derived from the validated environment (app/platform/config.py).

Nothing here reads os.environ directly: one validated Config is the only source, so a bad
variable fails at boot with a clear message instead of deep inside a request.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.installed_modules import MODULES
from app.platform.config import load_config
from app.platform.database import database_settings

CONFIG = load_config(dict(os.environ))

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.app_env == "development"
# Host filtering belongs to the ingress; probes arrive with the pod IP as Host.
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    *(f"app.modules.{name}" for name in MODULES),
]

# Production HTTP defaults (limits, headers, CORS, deadlines) live in ASGI middleware around
# Django (app/asgi.py); this list keeps what the admin needs plus the route/error adapters.
MIDDLEWARE = [
    "app.platform.http.django_middleware.RouteTemplateMiddleware",
    "app.platform.http.django_middleware.ProblemDetailsMiddleware",
    # Session, CSRF, auth and messages middleware, applied to /admin/ only.
    "app.platform.http.django_middleware.AdminMiddleware",
]

ROOT_URLCONF = "app.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_settings(CONFIG)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Body size is enforced before Django (BodyLimit, 413); this only keeps Django's own cap in line.
DATA_UPLOAD_MAX_MEMORY_SIZE = CONFIG.body_limit_bytes

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

# Admin assets: `manage.py collectstatic` (the build step) gathers them into staticfiles/; serve
# them from the ingress/CDN in production (development serves them itself).
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# The platform configures logging itself (JSON on stdout); Django must not replace it.
LOGGING_CONFIG = None
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# Security headers and HSTS are set by the ASGI SecurityHeaders middleware for every response
# (probes and shed requests included), not by Django's SecurityMiddleware/XFrameOptionsMiddleware.
# The admin's middleware (admin.E408-E410, security.W003) runs inside AdminMiddleware, for
# /admin/ only (tests/test_admin.py proves login and CSRF still work).
SILENCED_SYSTEM_CHECKS = [
    "security.W001",
    "security.W002",
    "security.W003",
    "admin.E408",
    "admin.E409",
    "admin.E410",
]
