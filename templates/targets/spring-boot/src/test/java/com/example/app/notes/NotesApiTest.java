package com.example.app.notes;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.platform.testing.ApiClient;
import com.example.app.platform.testing.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The notes module over HTTP, on real PostgreSQL ({@link ApiTest}). */
@ApiTest
class NotesApiTest {

  @LocalServerPort
  int port;

  @Autowired
  NotesService notes;

  private RestClient client() {
    return ApiClient.on(port);
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
