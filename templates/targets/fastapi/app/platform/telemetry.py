"""OpenTelemetry SDK set-up: traces over OTLP/HTTP, metrics on a Prometheus endpoint (:9464).

Configured from the standard OTEL_* variables (service name, resource attributes, sampler,
exporter endpoint, batch delay). Telemetry never fails the app: exporters retry and log, and an
unreachable collector only costs log lines.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Python contrib still defaults to the old HTTP/DB semantic conventions (contract §4.2): opt in to
# the stable ones before any instrumentation is imported. The image sets it too.
os.environ.setdefault("OTEL_SEMCONV_STABILITY_OPT_IN", "http,database")

from opentelemetry import metrics, trace  # noqa: E402
from opentelemetry.sdk.metrics import MeterProvider  # noqa: E402
from opentelemetry.sdk.metrics.view import ExplicitBucketHistogramAggregation, View  # noqa: E402
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: E402

from app.platform.identity import ServiceIdentity  # noqa: E402

# Stable semconv bucket advice for http.server.request.duration (seconds); pinned by a View so the
# exporter never falls back to the SDK's millisecond-sized defaults.
HTTP_DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10)
# Probes are neither traced nor measured (contract C15/C40).
EXCLUDED_URLS = "livez,readyz"


def redact_query(span: Any, scope: dict[str, Any]) -> None:
    """Server request hook: query values may carry tokens, so spans keep only the parameter names."""
    raw = scope.get("query_string", b"")
    if raw and span is not None and span.is_recording():
        names = [part.split(b"=", 1)[0].decode("latin-1") for part in raw.split(b"&") if part]
        span.set_attribute("url.query", "&".join(f"{name}=REDACTED" for name in names))


@dataclass
class Telemetry:
    shutdown: Callable[[], None]


def _enabled(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() not in ("none", "")


def setup_telemetry(identity: ServiceIdentity) -> Telemetry:
    """Installs the global tracer and meter providers and the library instrumentations."""
    if os.environ.get("OTEL_SDK_DISABLED", "false").strip().lower() == "true":
        return Telemetry(shutdown=lambda: None)

    resource = Resource.create({"service.name": identity.name, "service.version": identity.version})

    tracer_provider = TracerProvider(resource=resource)  # sampler from OTEL_TRACES_SAMPLER(_ARG)
    if _enabled("OTEL_TRACES_EXPORTER", "otlp"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        tracer_provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(tracer_provider)

    readers = []
    if os.environ.get("OTEL_METRICS_EXPORTER", "prometheus").strip().lower() == "prometheus":
        from opentelemetry.exporter.prometheus import PrometheusMetricReader
        from prometheus_client import start_http_server

        # The Python exporter binds localhost unless told otherwise; the contract says 0.0.0.0.
        start_http_server(
            port=int(os.environ.get("OTEL_EXPORTER_PROMETHEUS_PORT", "9464")),
            addr=os.environ.get("OTEL_EXPORTER_PROMETHEUS_HOST", "0.0.0.0"),
        )
        readers.append(PrometheusMetricReader())
    meter_provider = MeterProvider(
        resource=resource,
        metric_readers=readers,
        views=[
            View(
                instrument_name="http.server.request.duration",
                aggregation=ExplicitBucketHistogramAggregation(HTTP_DURATION_BUCKETS),
            )
        ],
    )
    metrics.set_meter_provider(meter_provider)

    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.system_metrics import SystemMetricsInstrumentor

    AsyncPGInstrumentor().instrument()
    HTTPXClientInstrumentor().instrument()
    # Process CPU and memory plus CPython GC only: a handful of series, cheap to scrape.
    SystemMetricsInstrumentor(
        config={
            "process.cpu.time": ["user", "system"],
            "process.memory.usage": None,
            "process.runtime.cpu.time": ["user", "system"],
            "process.runtime.memory": ["rss", "vms"],
            "cpython.gc.collections": None,
        }
    ).instrument()

    def shutdown() -> None:
        # Flushes the batch span processor; bounded by the exporter timeouts.
        tracer_provider.shutdown()
        meter_provider.shutdown()

    return Telemetry(shutdown=shutdown)
