package com.example.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's HEALTHCHECK client (distroless has no curl): GET http://127.0.0.1:$PORT/livez,
 * exit 0 on 200 and 1 otherwise. Started without Spring, so it costs one short-lived JVM.
 */
public final class Healthcheck {

  private Healthcheck() {}

  public static void main(String[] args) throws Exception {
    String port = System.getenv().getOrDefault("PORT", "8080");
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/livez"))
        .timeout(Duration.ofSeconds(2))
        .build();
    try {
      int status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      System.exit(status == 200 ? 0 : 1);
    } catch (java.io.IOException unreachable) {
      System.exit(1);
    }
  }
}
