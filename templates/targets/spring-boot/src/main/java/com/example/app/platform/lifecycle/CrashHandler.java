package com.example.app.platform.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception nothing caught, in a thread outside request handling (requests end in the
 * ProblemHandler instead), means the process is in an unknown state: log it with its stack as
 * one JSON line, then exit with code 1. System.exit runs Spring Boot's shutdown hook first, so the
 * usual graceful sequence (readiness 503, delay, drain, pool close, telemetry flush) still runs.
 */
public final class CrashHandler implements Thread.UncaughtExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(CrashHandler.class);

  @Override
  public void uncaughtException(Thread thread, Throwable error) {
    LOG.atError().setCause(error).addKeyValue("thread.name", thread.getName())
        .log("uncaught exception: shutting down gracefully, then exiting with code 1");
    // Not on the failing thread: exit blocks until the shutdown hooks have finished.
    Thread exit = new Thread(() -> System.exit(1), "crash-exit");
    exit.start();
  }
}
