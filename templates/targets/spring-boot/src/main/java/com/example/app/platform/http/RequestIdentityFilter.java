package com.example.app.platform.http;

import com.example.app.platform.config.ServiceConfig;
import com.example.app.platform.lifecycle.ShutdownState;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * First application filter, inside the OpenTelemetry server span: request id (X-Request-Id in and
 * out, C27), log correlation fields in the MDC (C25), client address (C63), security headers on
 * every response (C49, C50), Connection: close while shutting down (C17), and the access log
 * line (C26). Probes are never access-logged (C15).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestIdentityFilter extends OncePerRequestFilter {

  public static final String REQUEST_ID_HEADER = "X-Request-Id";
  public static final String REQUEST_ID_ATTRIBUTE = RequestIdentityFilter.class.getName() + ".requestId";
  private static final Pattern VALID_REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");
  private static final Logger ACCESS_LOG = LoggerFactory.getLogger("http.access");

  private final int trustedHops;
  private final ShutdownState shutdown;

  public RequestIdentityFilter(ServiceConfig config, ShutdownState shutdown) {
    this.trustedHops = config.trustProxyHops();
    this.shutdown = shutdown;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return true;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    String inbound = request.getHeader(REQUEST_ID_HEADER);
    String requestId = inbound != null && VALID_REQUEST_ID.matcher(inbound).matches() ? inbound : UUID.randomUUID().toString();
    String client = ClientAddress.resolve(request, trustedHops);
    request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    SecurityHeaders.apply(response, ClientAddress.isHttps(request, trustedHops));
    if (shutdown.isShuttingDown()) response.setHeader("Connection", "close");

    Span span = Span.current();
    span.setAttribute("client.address", client);
    // Query strings carry tokens often enough: keep the parameter names, never the values (C28).
    if (request.getQueryString() != null) span.setAttribute("url.query", redactQuery(request.getQueryString()));
    SpanContext context = span.getSpanContext();
    MDC.put("request_id", requestId);
    if (context.isValid()) {
      MDC.put("trace_id", context.getTraceId());
      MDC.put("span_id", context.getSpanId());
      // W3C trace-flags as logged by every target: only the sampled bit ("01" or "00").
      MDC.put("trace_flags", context.isSampled() ? "01" : "00");
    }
    try {
      chain.doFilter(request, response);
    } finally {
      if (!ProbePaths.isProbe(request.getRequestURI())) accessLog(request, response, client, start);
      MDC.clear();
    }
  }

  static String redactQuery(String query) {
    return query.replaceAll("=[^&]*", "=REDACTED");
  }

  private void accessLog(HttpServletRequest request, HttpServletResponse response, String client, long start) {
    int status = response.getStatus();
    var line = ACCESS_LOG.atLevel(status >= 500 ? Level.ERROR : Level.INFO)
        .addKeyValue("http.request.method", request.getMethod())
        .addKeyValue("url.path", request.getRequestURI());
    Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (route != null) line = line.addKeyValue("http.route", route.toString());
    line.addKeyValue("http.response.status_code", status)
        .addKeyValue("duration_ms", (System.nanoTime() - start) / 1_000_000.0)
        .addKeyValue("client.address", client)
        .addKeyValue("user_agent.original", request.getHeader("User-Agent"))
        .log("request completed");
  }
}
