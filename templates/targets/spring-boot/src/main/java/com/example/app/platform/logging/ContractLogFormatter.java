package com.example.app.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.example.app.platform.config.ServiceIdentity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

/**
 * One JSON object per line in the service's log schema (contract §1.3, C23-C29): time (RFC 3339
 * UTC, milliseconds), lower-case level, msg, service.name/service.version, the MDC (trace_id,
 * span_id, trace_flags, request_id) and SLF4J key-value pairs as flat dotted keys, and exceptions
 * as exception.type / exception.message / exception.stacktrace (one string).
 *
 * <p>Plugged into Spring Boot's structured logging ({@code logging.structured.format.console}):
 * the built-in ecs and logstash formats use other key names (@timestamp, message, upper-case
 * levels, nested objects), and this schema is shared with the other languages' starters.
 */
public class ContractLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String identity;

  public ContractLogFormatter(Environment environment) {
    ServiceIdentity service = ServiceIdentity.fromEnvironment(environment::getProperty);
    this.identity = ",\"service.name\":" + Json.quote(service.name()) + ",\"service.version\":" + Json.quote(service.version());
  }

  @Override
  public String format(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(256);
    line.append("{\"time\":\"").append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append('"');
    line.append(",\"level\":\"").append(level(event.getLevel())).append('"');
    line.append(",\"msg\":").append(Json.quote(event.getFormattedMessage()));
    line.append(identity);
    line.append(",\"logger\":").append(Json.quote(event.getLoggerName()));
    for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
      line.append(',').append(Json.quote(entry.getKey())).append(':').append(Json.quote(entry.getValue()));
    }
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        line.append(',').append(Json.quote(pair.key)).append(':').append(Json.value(pair.value));
      }
    }
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.append(",\"exception.type\":").append(Json.quote(error.getClassName()));
      line.append(",\"exception.message\":").append(Json.quote(String.valueOf(error.getMessage())));
      line.append(",\"exception.stacktrace\":").append(Json.quote(ThrowableProxyUtil.asString(error)));
    }
    return line.append("}\n").toString();
  }

  /** Logback's WARN/ERROR/... as the contract's lower-case names. */
  static String level(Level level) {
    return level.levelStr.toLowerCase(Locale.ROOT);
  }
}
