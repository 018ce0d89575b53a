package com.example.app.platform.lifecycle;

import com.example.app.platform.config.ServiceConfig;
import com.example.app.platform.http.TrafficControlFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs after Tomcat's graceful shutdown phase ended (drained or timed out) and before the server
 * stops: requests still in flight now are about to be cut off, which is logged as a forced
 * shutdown with their number (contract C18).
 */
@Component
public class DrainReport implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(DrainReport.class);

  private final TrafficControlFilter traffic;
  private final long timeoutMs;
  private volatile boolean running;

  public DrainReport(TrafficControlFilter traffic, ServiceConfig config) {
    this.traffic = traffic;
    this.timeoutMs = config.shutdownTimeout().toMillis();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    int aborted = traffic.inFlight();
    if (aborted > 0) {
      LOG.atWarn().addKeyValue("shutdown.aborted_requests", aborted).addKeyValue("shutdown.timeout_ms", timeoutMs)
          .log("forced shutdown: {} in-flight request(s) aborted after the drain timeout", aborted);
    } else {
      LOG.info("drained: no requests in flight");
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 512;
  }
}
