package com.example.app.platform.conformance;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * Test fixtures for the black-box conformance suite (contract §2.0). Present only in projects
 * generated with --conformance-fixtures, and mounted only when CONFORMANCE_FIXTURES=true.
 * Never enable them in production: they sleep, fail and call out on request.
 */
@RestController
@RequestMapping("/__conformance")
@ConditionalOnProperty(name = "CONFORMANCE_FIXTURES", havingValue = "true")
public class ConformanceFixtures {

  private static final Logger LOG = LoggerFactory.getLogger(ConformanceFixtures.class);
  private static final long MAX_SLEEP_MS = 120_000;

  private final JdbcClient jdbc;
  private final RestClient http;
  private final Pattern outboundAllow;
  private final JsonMapper json = JsonMapper.builder().build();

  public ConformanceFixtures(JdbcClient jdbc, RestClient.Builder http, org.springframework.core.env.Environment env) {
    this.jdbc = jdbc;
    this.http = http.build();
    // Regex the outbound fixture's target must match; the default matches nothing.
    this.outboundAllow = Pattern.compile(env.getProperty("CONFORMANCE_OUTBOUND_ALLOW", "(?!)"));
    LOG.warn("conformance fixture routes are mounted under /__conformance (CONFORMANCE_FIXTURES=true)");
  }

  @GetMapping("/sleep")
  Map<String, Long> sleep(@RequestParam long ms) throws InterruptedException {
    long slept = Math.min(Math.max(ms, 0), MAX_SLEEP_MS);
    Thread.sleep(slept);
    return Map.of("slept", slept);
  }

  /** Reports the body's size in bytes; the body itself is never logged or echoed. */
  @PostMapping(path = "/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Integer> echo(@RequestBody byte[] body) {
    try {
      json.readTree(body);
    } catch (JacksonException malformed) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed JSON body.");
    }
    return Map.of("bytes", body.length);
  }

  @GetMapping("/items/{id}")
  Map<String, String> item(@PathVariable String id) {
    return Map.of("id", id);
  }

  @GetMapping("/error")
  Map<String, String> error() {
    throw new IllegalStateException("conformance fixture: deliberate failure");
  }

  @GetMapping("/db")
  Map<String, Long> db(@RequestParam(name = "sleep_ms", defaultValue = "0") long sleepMs) {
    long ms = Math.min(Math.max(sleepMs, 0), MAX_SLEEP_MS);
    jdbc.sql("SELECT pg_sleep(?)").param(ms / 1000.0).query().singleRow();
    return Map.of("slept_ms", ms);
  }

  /** Session settings as the server sees them (contract C67). */
  @GetMapping("/db/settings")
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    jdbc.sql("SELECT name, setting FROM pg_settings WHERE name IN ('application_name', 'statement_timeout', 'idle_in_transaction_session_timeout')")
        .query((rs, row) -> settings.put(rs.getString("name"), rs.getString("setting"))).list();
    return settings;
  }

  /** RestClient is instrumented by the OpenTelemetry starter: CLIENT span plus W3C headers out. */
  @GetMapping("/outbound")
  ResponseEntity<Map<String, Object>> outbound(@RequestParam String target) {
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException invalid) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || !outboundAllow.matcher(target).find()) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Target not allowed.");
    }
    ResponseEntity<byte[]> upstream = http.get().uri(uri).retrieve().onStatus(status -> true, (request, response) -> {})
        .toEntity(byte[].class);
    return ResponseEntity.ok(Map.of("upstream_status", upstream.getStatusCode().value()));
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
