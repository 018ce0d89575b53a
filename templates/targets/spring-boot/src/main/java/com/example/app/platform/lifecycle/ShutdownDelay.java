package com.example.app.platform.lifecycle;

import com.example.app.platform.config.ServiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first step of shutdown (highest phase, so it stops first): readiness turns 503 while the
 * server keeps serving for SHUTDOWN_DELAY_MS, the time load balancers and kube-proxy need to stop
 * routing here (contract §1.2). Spring Boot has no built-in delay (spring-boot #24617). Then
 * Tomcat's graceful shutdown drains in-flight requests for up to SHUTDOWN_TIMEOUT_MS
 * (spring.lifecycle.timeout-per-shutdown-phase), and the context closes the pool.
 */
@Component
public class ShutdownDelay implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownDelay.class);

  private final ShutdownState state;
  private final ApplicationContext context;
  private final long delayMs;
  private volatile boolean running;

  public ShutdownDelay(ShutdownState state, ApplicationContext context, ServiceConfig config) {
    this.state = state;
    this.context = context;
    this.delayMs = config.shutdownDelay().toMillis();
  }

  @Override
  public void start() {
    if (state.isShuttingDown()) {
      // Started again after a stop without a close: the context was paused and resumed (Spring's
      // test context cache pauses contexts it is not using). It serves again, so readiness passes.
      state.end();
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
    running = true;
  }

  @Override
  public void stop() {
    state.begin();
    AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
    LOG.atInfo().addKeyValue("shutdown.delay_ms", delayMs).log("shutdown started: readiness failing, still serving during the delay");
    try {
      Thread.sleep(delayMs);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    LOG.info("shutdown delay over: closing the listener and draining in-flight requests");
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
