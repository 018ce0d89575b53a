package com.example.app.platform.telemetry;

import com.example.app.platform.http.ProbePaths;
import com.example.app.platform.http.TrafficControlFilter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenTelemetry SDK, configured by the standard OTEL_* environment variables (exporters,
 * sampler, resource, OTEL_SDK_DISABLED). The Spring Boot starter's instrumentations (Spring MVC,
 * JDBC, RestClient, runtime metrics) use this bean instead of building their own SDK, for two
 * reasons:
 *
 * <ul>
 *   <li>Shutdown order. The starter's SDK registers its own JVM shutdown hook, which runs at
 *       SIGTERM concurrently with Spring's and drops the spans of requests still draining. This
 *       SDK has no hook: it is a Spring bean, closed (and flushed) after Tomcat has drained
 *       (contract C20).
 *   <li>Probes produce no spans (C15, C40): the sampler chosen by OTEL_TRACES_SAMPLER is wrapped
 *       and stays in charge of everything else.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class TelemetryConfiguration {

  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

  @Bean
  OpenTelemetrySdk openTelemetry() {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .disableShutdownHook()
        .addSamplerCustomizer((configured, properties) -> new ProbeDroppingSampler(configured))
        .build()
        .getOpenTelemetrySdk();
  }

  /**
   * http.server.active_requests (C46). The starter emits it only as experimental telemetry, which
   * this SDK bean does not switch on; the admission filter already counts the requests it admits
   * (probes excluded), so the gauge reads that count.
   */
  @Bean
  ObservableLongUpDownCounter activeRequests(OpenTelemetrySdk openTelemetry, TrafficControlFilter traffic) {
    return openTelemetry.getMeter("app")
        .upDownCounterBuilder("http.server.active_requests")
        .setUnit("{request}")
        .setDescription("HTTP requests being handled now.")
        .buildWithCallback(measurement -> measurement.record(traffic.inFlight()));
  }

  static final class ProbeDroppingSampler implements Sampler {
    private final Sampler delegate;

    ProbeDroppingSampler(Sampler delegate) {
      this.delegate = delegate;
    }

    @Override
    public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind, Attributes attributes,
        List<LinkData> links) {
      if (kind == SpanKind.SERVER) {
        String path = attributes.get(URL_PATH);
        if (path != null && ProbePaths.isProbe(path)) return SamplingResult.drop();
      }
      return delegate.shouldSample(parent, traceId, name, kind, attributes, links);
    }

    @Override
    public String getDescription() {
      return "DropProbes{" + delegate.getDescription() + "}";
    }
  }
}
