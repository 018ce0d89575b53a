package com.example.app.platform.telemetry;

import com.example.app.platform.http.ProbePaths;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Probe requests produce no spans (contract C15, C40). The sampler chosen by OTEL_TRACES_SAMPLER
 * stays in charge of everything else; this only wraps it. The OpenTelemetry Spring Boot starter
 * applies AutoConfigurationCustomizerProvider beans to the SDK it builds.
 */
@Configuration(proxyBeanMethods = false)
public class ProbeSampling {

  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

  @Bean
  AutoConfigurationCustomizerProvider dropProbeSpans() {
    return customizer -> customizer.addSamplerCustomizer((configured, properties) -> new ProbeDroppingSampler(configured));
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
