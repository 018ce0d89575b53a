package com.example.app.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The whole service over HTTP against real PostgreSQL: TEST_DATABASE_URL (CI provides one; locally
 * `docker compose up -d postgres` and TEST_DATABASE_URL=postgres://app:app@127.0.0.1:5432/app).
 * Flyway migrates the database first, as the migrate step does in production.
 */
@EnabledIfEnvironmentVariable(named = "TEST_DATABASE_URL", matches = ".+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "DATABASE_URL=${TEST_DATABASE_URL}",
    "PORT=0",
    "RUN_MIGRATIONS_ON_START=true",
    "SHUTDOWN_DELAY_MS=0",
    "OTEL_SDK_DISABLED=true",
    "OTEL_METRICS_EXPORTER=none"})
class NotesApiTest {

  @LocalServerPort
  int port;

  @Autowired
  NotesService notes;

  private RestClient client() {
    return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build();
  }

  @Test
  void createsAndReadsANoteOverHttp() {
    ResponseEntity<Map> created = client().post().uri("/notes").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("title", "first", "body", "hello")).retrieve().toEntity(Map.class);
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    Object id = created.getBody().get("id");

    ResponseEntity<Map> read = client().get().uri("/notes/{id}", id).retrieve().toEntity(Map.class);
    assertThat(read.getStatusCode().value()).isEqualTo(200);
    assertThat(read.getBody()).containsEntry("title", "first").containsEntry("body", "hello");
    assertThat(notes.latest(10)).extracting(Note::title).contains("first");
  }

  @Test
  void rejectsAnEmptyTitleWithAProblem() {
    ResponseEntity<Map> response = client().post().uri("/notes").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("title", "")).retrieve().toEntity(Map.class);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
  }

  @Test
  void probesAnswerInHealthJson() {
    ResponseEntity<Map> ready = client().get().uri("/readyz").retrieve().toEntity(Map.class);
    assertThat(ready.getStatusCode().value()).isEqualTo(200);
    assertThat(ready.getHeaders().getContentType().toString()).isEqualTo("application/health+json");
    assertThat(ready.getBody()).containsEntry("status", "pass").containsKey("checks");
    ResponseEntity<Map> live = client().get().uri("/livez").retrieve().toEntity(Map.class);
    assertThat(live.getBody()).containsEntry("status", "pass");
    assertThat(live.getHeaders().getCacheControl()).isEqualTo("no-store");
  }

  @Test
  void unknownRoutesAreProblemsWithSecurityHeaders() {
    ResponseEntity<String> response = client().get().uri("/does-not-exist").retrieve().toEntity(String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(404);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeaders().getFirst("X-Request-Id")).isNotBlank();
  }
}
