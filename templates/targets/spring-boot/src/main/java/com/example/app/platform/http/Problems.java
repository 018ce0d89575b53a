package com.example.app.platform.http;

import com.example.app.platform.logging.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/** RFC 9457 problem+json written by filters, before Spring MVC's exception handling (C58). */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    Object requestId = request.getAttribute(RequestIdentityFilter.REQUEST_ID_ATTRIBUTE);
    response.setStatus(status.value());
    response.setContentType(MEDIA_TYPE);
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":" + Json.quote(status.getReasonPhrase())
        + ",\"status\":" + status.value() + ",\"detail\":" + Json.quote(detail)
        + (requestId == null ? "" : ",\"request_id\":" + Json.quote(requestId.toString())) + "}");
    response.flushBuffer();
  }
}
