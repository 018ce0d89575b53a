package com.example.app.platform.http;

import com.example.app.platform.config.ServiceConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control in front of the handlers: CORS (exact origins, C62), load shedding at
 * MAX_CONCURRENT_REQUESTS (503 + Retry-After, C60), per-client rate limit (429, C61), the body
 * limit (413 before the body is read, C51) and the handler deadline (C57). Probes bypass it all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class TrafficControlFilter extends OncePerRequestFilter {

  private final Semaphore slots;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final long bodyLimit;
  private final List<String> corsOrigins;
  private final RateLimiter rateLimiter;
  private final RequestDeadline deadline;
  private final int trustedHops;

  public TrafficControlFilter(ServiceConfig config, RequestDeadline deadline) {
    this.slots = new Semaphore(config.maxConcurrentRequests());
    this.bodyLimit = config.bodyLimitBytes();
    this.corsOrigins = config.corsAllowedOrigins();
    this.rateLimiter = config.rateLimitPerMinute() > 0 ? new RateLimiter(config.rateLimitPerMinute()) : null;
    this.deadline = deadline;
    this.trustedHops = config.trustProxyHops();
  }

  /** Requests being handled now; the shutdown report counts the ones a forced stop aborts. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return true;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (ProbePaths.isProbe(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    if (applyCors(request, response)) return;
    if (rateLimiter != null) {
      RateLimiter.Decision quota = rateLimiter.tryAcquire(ClientAddress.resolve(request, trustedHops));
      // The IETF draft's headers (draft-ietf-httpapi-ratelimit-headers) tell clients to slow down early.
      response.setHeader("RateLimit-Policy", quota.limit() + ";w=60");
      response.setHeader("RateLimit",
          "limit=" + quota.limit() + ", remaining=" + quota.remaining() + ", reset=" + quota.resetSeconds());
      if (quota.limited()) {
        response.setHeader("Retry-After", Long.toString(quota.resetSeconds()));
        Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded.");
        return;
      }
    }
    if (request.getContentLengthLong() > bodyLimit) {
      // No Connection: close: closing with unread request bytes makes the kernel send a reset, and
      // the client can lose the 413 it had not read yet. Tomcat swallows the rest (max 2 MiB).
      Problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Request body exceeds " + bodyLimit + " bytes.");
      return;
    }
    if (!slots.tryAcquire()) {
      response.setHeader("Retry-After", "1");
      Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Server is at capacity, retry later.");
      return;
    }
    inFlight.incrementAndGet();
    try (RequestDeadline.Scope ignored = deadline.start()) {
      chain.doFilter(new LimitedBodyRequest(request, bodyLimit), response);
    } finally {
      inFlight.decrementAndGet();
      slots.release();
    }
  }

  /** Answers CORS preflights itself; returns true when the response is complete. */
  private boolean applyCors(HttpServletRequest request, HttpServletResponse response) {
    String origin = request.getHeader("Origin");
    if (corsOrigins.isEmpty() || origin == null) return false;
    response.addHeader("Vary", "Origin");
    boolean allowed = corsOrigins.contains(origin);
    boolean preflight = "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
    if (allowed) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Expose-Headers", RequestIdentityFilter.REQUEST_ID_HEADER);
    }
    if (!preflight) return false;
    if (allowed) {
      response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE");
      response.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization, X-Request-Id");
      response.setHeader("Access-Control-Max-Age", "600");
    }
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    return true;
  }
}
