package com.example.app.platform.http;

import com.example.app.platform.config.ServiceConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * REQUEST_TIMEOUT_MS for blocking servlet handlers (C57): when the deadline passes, the handler's
 * thread is interrupted, so sleeps, waits and interruptible I/O end with an exception that the
 * error handler turns into 504. JDBC calls are bounded separately by statement_timeout.
 */
@Component
public class RequestDeadline implements DisposableBean {

  private final Duration timeout;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "request-deadline");
    thread.setDaemon(true);
    return thread;
  });
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  public RequestDeadline(ServiceConfig config) {
    this.timeout = config.requestTimeout();
  }

  /** Whether the current request's deadline has passed (its thread was interrupted for it). */
  public static boolean expired() {
    Scope scope = CURRENT.get();
    return scope != null && scope.expired;
  }

  public Scope start() {
    Scope scope = new Scope(Thread.currentThread());
    scope.timer = timer.schedule(scope::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    CURRENT.set(scope);
    return scope;
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }

  public static final class Scope implements AutoCloseable {
    private final Thread thread;
    private ScheduledFuture<?> timer;
    private boolean done;
    private volatile boolean expired;

    private Scope(Thread thread) {
      this.thread = thread;
    }

    private synchronized void expire() {
      if (done) return;
      expired = true;
      thread.interrupt();
    }

    @Override
    public synchronized void close() {
      done = true;
      timer.cancel(false);
      CURRENT.remove();
      // The interrupt belongs to this request only: the thread goes back to the pool clean.
      Thread.interrupted();
    }
  }
}
