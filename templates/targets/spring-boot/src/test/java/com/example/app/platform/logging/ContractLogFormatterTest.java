package com.example.app.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

class ContractLogFormatterTest {

  private final ContractLogFormatter formatter = new ContractLogFormatter(new MockEnvironment()
      .withProperty("OTEL_SERVICE_NAME", "svc")
      .withProperty("OTEL_RESOURCE_ATTRIBUTES", "service.version=9.9.9"));

  private Map<?, ?> format(LoggingEvent event) {
    String line = formatter.format(event);
    assertThat(line).endsWith("}\n").doesNotContain("\n{");
    return JsonMapper.builder().build().readValue(line, Map.class);
  }

  private static LoggingEvent event(Level level, String message, Throwable error) {
    LoggerContext context = new LoggerContext();
    LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), level, message, error, null);
    event.setTimeStamp(1_700_000_000_000L);
    event.setMDCPropertyMap(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));
    return event;
  }

  @Test
  void writesTheContractKeys() {
    LoggingEvent event = event(Level.WARN, "hello", null);
    event.setKeyValuePairs(List.of(new KeyValuePair("http.response.status_code", 200)));
    Map<?, ?> json = format(event);
    assertThat(json.get("time")).isEqualTo("2023-11-14T22:13:20.000Z");
    assertThat(json.get("level")).isEqualTo("warn");
    assertThat(json.get("msg")).isEqualTo("hello");
    assertThat(json.get("service.name")).isEqualTo("svc");
    assertThat(json.get("service.version")).isEqualTo("9.9.9");
    assertThat(json.get("http.response.status_code")).isEqualTo(200);
    assertThat(json.get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void putsTheStackInOneString() {
    LoggingEvent event = event(Level.ERROR, "failed", null);
    event.setThrowableProxy(new ThrowableProxy(new IllegalStateException("boom")));
    Map<?, ?> json = format(event);
    assertThat(json.get("exception.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(json.get("exception.message")).isEqualTo("boom");
    assertThat((String) json.get("exception.stacktrace")).contains("\tat ");
  }
}
