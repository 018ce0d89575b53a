package com.example.app.platform.http;

import jakarta.servlet.http.HttpServletResponse;

/** OWASP REST security headers for an API (contract C49); HSTS only over HTTPS (C50, RFC 6797 §7.2). */
public final class SecurityHeaders {

  private SecurityHeaders() {}

  public static void apply(HttpServletResponse response, boolean https) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    if (https) response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
}
