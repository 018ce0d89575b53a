package com.example.app.platform.health;

import com.example.app.platform.config.ServiceConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * `postgres:connection`: a pooled connection that passes isValid, bounded by
 * HEALTH_CHECK_TIMEOUT_MS even when PostgreSQL is frozen or black-holed (C12).
 */
@Component
public class PostgresCheck implements DependencyCheck, DisposableBean {

  private final DataSource dataSource;
  private final long timeoutMs;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "health-postgres");
    thread.setDaemon(true);
    return thread;
  });

  public PostgresCheck(DataSource dataSource, ServiceConfig config) {
    this.dataSource = dataSource;
    this.timeoutMs = config.healthCheckTimeout().toMillis();
  }

  @Override
  public String key() {
    return "postgres:connection";
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  @Override
  public Result run() {
    long start = System.nanoTime();
    Future<Boolean> probe = executor.submit(() -> {
      try (var connection = dataSource.getConnection()) {
        return connection.isValid((int) Math.max(1, timeoutMs / 1000));
      }
    });
    boolean ok;
    try {
      ok = probe.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      ok = false;
    } catch (Exception failed) {
      probe.cancel(true);
      ok = false;
    }
    return new Result(ok ? "pass" : "fail", (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
