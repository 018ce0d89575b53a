package com.example.app.platform.testing;

import org.springframework.web.client.RestClient;

/** An HTTP client for the service an {@link ApiTest} started; every status is returned, none thrown. */
public final class ApiClient {

  private ApiClient() {}

  public static RestClient on(int port) {
    return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build();
  }
}
