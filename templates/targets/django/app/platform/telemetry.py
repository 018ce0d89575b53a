"""OpenTelemetry SDK set up in code, before Django loads (contract §1.4-1.5).

Honours the standard OTEL_* variables: the SDK reads OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES,
OTEL_TRACES_SAMPLER(_ARG), OTEL_PROPAGATORS and OTEL_EXPORTER_OTLP_* itself. Traces go to OTLP/HTTP
(batch processor, flushed on shutdown); metrics are pulled by Prometheus from a separate listener
on OTEL_EXPORTER_PROMETHEUS_HOST:PORT (never on the app port). Telemetry failures are logged by the
SDK and never fatal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from opentelemetry import metrics, trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
from opentelemetry.instrumentation.system_metrics import SystemMetricsInstrumentor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Span, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanKind
from prometheus_client import start_http_server

# Process and CPython runtime metrics (C45); system-wide ones are the node exporter's job.
_RUNTIME_METRICS = {
    "process.cpu.time": ["user", "system"],
    "process.memory.usage": None,
    "process.thread.count": None,
    "process.runtime.gc_count": None,
    "cpython.gc.collections": None,
}


class ErrorTypeOnClientSpans(SpanProcessor):
    """Sets `error.type` (the exception's qualified name) on a CLIENT span that ends with an
    exception, as semconv requires; the DB-API instrumentation records the exception only."""

    def on_start(self, span: Span, parent_context: object = None) -> None:
        if span.kind is not SpanKind.CLIENT:
            return
        record_exception = span.record_exception

        def record_with_type(exception: BaseException, *args: object, **kwargs: object) -> None:
            kind = type(exception)
            span.set_attribute("error.type", f"{kind.__module__}.{kind.__qualname__}")
            record_exception(exception, *args, **kwargs)  # type: ignore[arg-type]

        span.record_exception = record_with_type  # type: ignore[method-assign]


@dataclass
class Telemetry:
    tracer_provider: TracerProvider | None = None
    meter_provider: MeterProvider | None = None
    metrics_server: object | None = None

    def shutdown(self) -> None:
        """Flushes pending spans and stops the exporters (shutdown step 6)."""
        if self.tracer_provider is not None:
            self.tracer_provider.shutdown()
        if self.meter_provider is not None:
            self.meter_provider.shutdown()
        if self.metrics_server is not None:
            server, _thread = self.metrics_server  # type: ignore[misc]
            server.shutdown()


def start_telemetry() -> Telemetry:
    if os.environ.get("OTEL_SDK_DISABLED", "false").lower() == "true":
        return Telemetry()
    resource = Resource.create()
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(ErrorTypeOnClientSpans())
    if os.environ.get("OTEL_TRACES_EXPORTER", "otlp") == "otlp":
        tracer_provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(tracer_provider)

    telemetry = Telemetry(tracer_provider=tracer_provider)
    if os.environ.get("OTEL_METRICS_EXPORTER", "prometheus") == "prometheus":
        reader = PrometheusMetricReader()
        meter_provider = MeterProvider(resource=resource, metric_readers=[reader])
        metrics.set_meter_provider(meter_provider)
        telemetry.meter_provider = meter_provider
        telemetry.metrics_server = start_http_server(
            port=int(os.environ.get("OTEL_EXPORTER_PROMETHEUS_PORT", "9464")),
            addr=os.environ.get("OTEL_EXPORTER_PROMETHEUS_HOST", "0.0.0.0"),
        )
        SystemMetricsInstrumentor(config=_RUNTIME_METRICS).instrument()

    # DB CLIENT spans (stable semconv with OTEL_SEMCONV_STABILITY_OPT_IN=database); no SQL comments.
    PsycopgInstrumentor().instrument(enable_commenter=False)
    # Outbound HTTP (httpx, sync and async): CLIENT spans and W3C traceparent/tracestate/baggage.
    HTTPXClientInstrumentor().instrument()
    return telemetry
