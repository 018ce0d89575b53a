package com.example.app.platform.health;

import com.example.app.platform.http.ProbePaths;
import com.example.app.platform.lifecycle.ShutdownState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * /livez and /readyz on the main port in the IETF health+json format (contract §0.3, C9-C14).
 * Liveness reads only process state (Spring Boot's LivenessState); readiness adds Spring Boot's
 * ReadinessState, the shutdown flag and each dependency check. GET mappings answer HEAD too.
 */
@RestController
public class HealthController {

  public static final MediaType HEALTH_JSON = MediaType.parseMediaType("application/health+json");

  private final ApplicationAvailability availability;
  private final ShutdownState shutdown;
  private final List<DependencyCheck> checks;
  private final HealthIdentity identity;

  public HealthController(ApplicationAvailability availability, ShutdownState shutdown, List<DependencyCheck> checks,
      HealthIdentity identity) {
    this.availability = availability;
    this.shutdown = shutdown;
    this.checks = checks;
    this.identity = identity;
  }

  @GetMapping(ProbePaths.LIVENESS)
  public ResponseEntity<Map<String, Object>> liveness() {
    boolean live = availability.getLivenessState() == LivenessState.CORRECT;
    return respond(live ? "pass" : "fail", Map.of(), List.of());
  }

  @GetMapping(ProbePaths.READINESS)
  public ResponseEntity<Map<String, Object>> readiness() {
    if (shutdown.isShuttingDown() || availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
      return respond("fail", Map.of(), List.of("shutting down"));
    }
    Map<String, Object> results = new LinkedHashMap<>();
    String overall = "pass";
    for (DependencyCheck check : checks) {
      DependencyCheck.Result result = check.run();
      results.put(check.key(), List.of(Map.of(
          "componentType", check.componentType(),
          "status", result.status(),
          "observedValue", result.elapsedMs(),
          "observedUnit", "ms",
          "time", Instant.now().toString())));
      if ("fail".equals(result.status())) overall = "fail";
    }
    return respond(overall, results, List.of());
  }

  private ResponseEntity<Map<String, Object>> respond(String status, Map<String, Object> checks, List<String> notes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("serviceId", identity.serviceId());
    body.put("version", identity.version());
    if (!notes.isEmpty()) body.put("notes", notes);
    if (!checks.isEmpty()) body.put("checks", checks);
    return ResponseEntity.status("fail".equals(status) ? 503 : 200)
        .cacheControl(CacheControl.noStore())
        .contentType(HEALTH_JSON)
        .body(body);
  }
}
