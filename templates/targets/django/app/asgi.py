"""The ASGI application: Django wrapped in the platform's HTTP defaults (outermost first)."""

from __future__ import annotations

from django.core.asgi import get_asgi_application

from app.platform.config import Config
from app.platform.database import install_query_guard
from app.platform.health import Probes
from app.platform.http.middleware import (
    ASGIApp,
    BodyLimit,
    Cors,
    Deadline,
    HeaderLimit,
    Observability,
    Overload,
    ProxyHeaders,
    RateLimit,
    SecurityHeaders,
)


def build_application(config: Config) -> ASGIApp:
    """Call after django.setup(): the Django handler loads the URL conf and middleware."""
    install_query_guard(config)
    app: ASGIApp = get_asgi_application()
    app = BodyLimit(app, config.body_limit_bytes)
    app = Deadline(app, config.request_timeout_s)
    app = Cors(app, config.cors_allowed_origins)
    app = Overload(app, config.max_concurrent_requests)
    app = RateLimit(app, config.rate_limit_rpm)
    app = Observability(app)
    app = Probes(app, config)
    app = HeaderLimit(app, config.max_header_bytes)
    app = SecurityHeaders(app)
    return ProxyHeaders(app, config.trust_proxy_hops)
