package com.example.app.platform.health;

/** One readiness dependency, reported under `key` (componentName:measurementName). */
public interface DependencyCheck {

  record Result(String status, long elapsedMs) {}

  String key();

  String componentType();

  /** Never throws and never takes longer than HEALTH_CHECK_TIMEOUT_MS. */
  Result run();
}
