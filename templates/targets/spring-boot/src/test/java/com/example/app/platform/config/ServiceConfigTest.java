package com.example.app.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "postgres://app:s3cret@db.internal:5433/app");
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    return env;
  }

  @Test
  void defaultsFollowTheContract() {
    ServiceConfig config = ServiceConfig.fromEnvironment(env());
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.logLevel()).isEqualTo("info");
    assertThat(config.bodyLimitBytes()).isEqualTo(1_048_576);
    assertThat(config.shutdownDelay().toMillis()).isEqualTo(5_000);
    assertThat(config.shutdownTimeout().toMillis()).isEqualTo(20_000);
    assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/app");
    assertThat(config.database().username()).isEqualTo("app");
    assertThat(config.database().poolMax()).isEqualTo(10);
  }

  @Test
  void missingDatabaseUrlIsNamed() {
    Map<String, String> env = env();
    env.remove("DATABASE_URL");
    assertThatThrownBy(() -> ServiceConfig.fromEnvironment(env)).hasMessageContaining("DATABASE_URL");
  }

  @Test
  void everyInvalidVariableIsReportedByNameWithoutItsValue() {
    assertThatThrownBy(() -> ServiceConfig.fromEnvironment(env("PORT", "abc", "LOG_LEVEL", "verbose",
        "BODY_LIMIT_BYTES", "-1", "SHUTDOWN_TIMEOUT_MS", "x")))
        .isInstanceOfSatisfying(ConfigException.class, error -> assertThat(error.problems())
            .hasSize(4)
            .anySatisfy(p -> assertThat(p).startsWith("PORT"))
            .anySatisfy(p -> assertThat(p).startsWith("LOG_LEVEL"))
            .anySatisfy(p -> assertThat(p).startsWith("BODY_LIMIT_BYTES"))
            .anySatisfy(p -> assertThat(p).startsWith("SHUTDOWN_TIMEOUT_MS")))
        .message().doesNotContain("verbose", "abc");
  }

  @Test
  void malformedDatabaseUrlNeverAppearsInTheMessage() {
    assertThatThrownBy(() -> ServiceConfig.fromEnvironment(env("DATABASE_URL", "mysql://u:sentinel@h/db")))
        .hasMessageContaining("DATABASE_URL")
        .message().doesNotContain("sentinel");
  }

  @Test
  void serviceIdentityComesFromTheOpenTelemetryVariables() {
    ServiceIdentity identity = ServiceIdentity.fromEnvironment(Map.of(
        "OTEL_SERVICE_NAME", "orders",
        "OTEL_RESOURCE_ATTRIBUTES", "service.version=1.2.3,deployment.environment.name=prod"));
    assertThat(identity).isEqualTo(new ServiceIdentity("orders", "1.2.3", "prod"));
  }
}
