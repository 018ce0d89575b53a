package com.example.app.platform.http;

import java.net.URI;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem+json with a request_id member (C58). 5xx bodies carry no
 * internals (C59, C64); the stack goes to the log instead (C29).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  private static final URI ABOUT_BLANK = URI.create("about:blank");

  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<Object> tooLarge(PayloadTooLargeException error, WebRequest request) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, error.getMessage(), new HttpHeaders(), request);
  }

  /** The body was still arriving at the request deadline (S22); 408 also closes the connection. */
  @ExceptionHandler(BodyReadTimeoutException.class)
  ResponseEntity<Object> bodyTimeout(BodyReadTimeoutException error, WebRequest request) {
    return problem(HttpStatus.REQUEST_TIMEOUT, error.getMessage(), new HttpHeaders(), request);
  }

  /** Pool exhausted (DB_POOL_ACQUIRE_TIMEOUT_MS) or database unreachable: retryable (C65, S09). */
  @ExceptionHandler({CannotGetJdbcConnectionException.class, TransientDataAccessResourceException.class,
      DataAccessResourceFailureException.class, SQLTransientConnectionException.class})
  ResponseEntity<Object> unavailable(Exception error, WebRequest request) {
    LOG.warn("database unavailable: {}", error.getClass().getSimpleName());
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "1");
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "A dependency is unavailable, retry later.", headers, request);
  }

  /** statement_timeout (C66) or the request deadline (C57). */
  @ExceptionHandler({QueryTimeoutException.class, InterruptedException.class})
  ResponseEntity<Object> timeout(Exception error, WebRequest request) {
    return problem(HttpStatus.GATEWAY_TIMEOUT, "The request took too long.", new HttpHeaders(), request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unhandled(Exception error, WebRequest request) {
    if (RequestDeadline.expired()) return timeout(error, request);
    LOG.error("unhandled error", error);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error.", new HttpHeaders(), request);
  }

  private ResponseEntity<Object> problem(HttpStatus status, String detail, HttpHeaders headers, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    return handleExceptionInternal(new RuntimeException(detail), body, headers, status, request);
  }

  /** Adds request_id to every problem, including the ones Spring MVC builds (400, 404, 405, 415). */
  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    if (body instanceof ProblemDetail problem) {
      Object requestId = request.getAttribute(RequestIdentityFilter.REQUEST_ID_ATTRIBUTE, WebRequest.SCOPE_REQUEST);
      if (requestId != null) problem.setProperty("request_id", requestId);
      // Spring leaves `type` unset for about:blank; RFC 9457 clients (and C58) expect it written.
      if (problem.getType() == null) problem.setType(ABOUT_BLANK);
      problem.setInstance(null);
    }
    return super.createResponseEntity(body, headers, status, request);
  }
}
