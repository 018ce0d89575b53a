package com.example.app.platform.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * service.name / service.version as OpenTelemetry resolves them: OTEL_SERVICE_NAME wins over
 * OTEL_RESOURCE_ATTRIBUTES. Logs carry the same values as spans and metrics (contract C24, C31).
 */
public record ServiceIdentity(String name, String version, String environment) {

  public static final String DEFAULT_NAME = "app";

  public static ServiceIdentity fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env::get);
  }

  public static ServiceIdentity fromEnvironment(Function<String, String> env) {
    Map<String, String> attributes = resourceAttributes(valueOf(env, "OTEL_RESOURCE_ATTRIBUTES"));
    String name = valueOf(env, "OTEL_SERVICE_NAME");
    if (name.isEmpty()) name = attributes.getOrDefault("service.name", DEFAULT_NAME);
    return new ServiceIdentity(
        name,
        attributes.getOrDefault("service.version", "0.0.0"),
        attributes.getOrDefault("deployment.environment.name", "development"));
  }

  private static String valueOf(Function<String, String> env, String name) {
    String value = env.apply(name);
    return value == null ? "" : value;
  }

  static Map<String, String> resourceAttributes(String raw) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String pair : raw.split(",")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) continue;
      attributes.put(pair.substring(0, equals).trim(),
          java.net.URLDecoder.decode(pair.substring(equals + 1).trim(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return attributes;
  }
}
