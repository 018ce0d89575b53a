package com.example.app.platform.config;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;
import com.example.app.platform.logging.Json;

/**
 * Reports invalid configuration and ends the process with exit code 1. This runs before Spring
 * Boot (and its logging system) starts, so it writes the one JSON line itself, in the same shape
 * as every other log line (contract C2, C3). It names variables, never their values (C4).
 */
public final class ConfigFailure {

  private ConfigFailure() {}

  public static void reportAndExit(ConfigException error, Map<String, String> env) {
    ServiceIdentity service = ServiceIdentity.fromEnvironment(env);
    String problems = error.problems().stream().map(ConfigFailure::quote).collect(Collectors.joining(","));
    String line = "{\"time\":" + quote(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
        + ",\"level\":\"fatal\",\"msg\":" + quote(error.getMessage())
        + ",\"service.name\":" + quote(service.name())
        + ",\"service.version\":" + quote(service.version())
        + ",\"config.errors\":[" + problems + "]}";
    System.out.println(line);
    System.out.flush();
    System.exit(1);
  }

  private static String quote(String value) {
    return Json.quote(value);
  }
}
