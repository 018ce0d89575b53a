package com.example.app.platform.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Translates the service's environment contract (PORT, DB_POOL_MAX, SHUTDOWN_TIMEOUT_MS, ...) into
 * the Spring Boot properties that implement it, so Tomcat, HikariCP and the lifecycle are
 * configured from one validated {@link ServiceConfig}. Invalid configuration is reported by
 * {@code Application.main} before Spring starts; tests that bypass main fail here instead.
 */
public class ContractEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  public static final String PROPERTY_SOURCE = "serviceContract";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    ServiceConfig config = ServiceConfig.fromEnvironment(environment::getProperty);
    Map<String, Object> properties = springProperties(config);
    if (environment.getProperty("app.migrate", Boolean.class, false)) properties.put("spring.flyway.enabled", true);
    environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
  }

  static Map<String, Object> springProperties(ServiceConfig config) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.address", config.host());
    properties.put("server.port", config.port());
    properties.put("server.max-http-request-header-size", config.maxHeaderBytes() + "B");
    properties.put("server.tomcat.connection-timeout", config.headersTimeout().toMillis() + "ms");
    properties.put("server.tomcat.keep-alive-timeout", config.keepAliveTimeout().toMillis() + "ms");
    properties.put("spring.lifecycle.timeout-per-shutdown-phase", config.shutdownTimeout().toMillis() + "ms");
    // Scheduled jobs (platform/jobs): a running one may finish within the same drain budget.
    properties.put("spring.task.scheduling.shutdown.await-termination", true);
    properties.put("spring.task.scheduling.shutdown.await-termination-period", config.shutdownTimeout().toMillis() + "ms");
    // Logback has no FATAL: fatal-only maps to ERROR (fatal lines are logged at error level).
    properties.put("logging.level.root", "fatal".equals(config.logLevel()) ? "error" : config.logLevel());

    ServiceConfig.Database db = config.database();
    properties.put("spring.datasource.url", db.jdbcUrl());
    if (db.username() != null) properties.put("spring.datasource.username", db.username());
    if (db.password() != null) properties.put("spring.datasource.password", db.password());
    properties.put("spring.datasource.hikari.maximum-pool-size", db.poolMax());
    properties.put("spring.datasource.hikari.minimum-idle", db.poolMin());
    properties.put("spring.datasource.hikari.connection-timeout", db.acquireTimeout().toMillis());
    properties.put("spring.datasource.hikari.validation-timeout", Math.min(db.acquireTimeout().toMillis(), 1000L));
    // Start even when PostgreSQL is down: readiness reports it (contract C5), no crash loop.
    properties.put("spring.datasource.hikari.initialization-fail-timeout", -1);
    properties.put("spring.datasource.hikari.pool-name", "postgres");
    properties.put("spring.datasource.hikari.data-source-properties.ApplicationName", config.service().name());
    // A statement never outlives the request that runs it: the server cancels it at the smaller
    // of DB_STATEMENT_TIMEOUT_MS and REQUEST_TIMEOUT_MS.
    long statementMs = Math.min(db.statementTimeout().toMillis(), config.requestTimeout().toMillis());
    properties.put("spring.datasource.hikari.data-source-properties.options",
        "-c statement_timeout=" + statementMs
            + " -c idle_in_transaction_session_timeout=" + db.idleInTransactionTimeout().toMillis());
    // A black-holed server never answers, not even the cancel: the driver gives up reading at
    // the same bound (seconds, rounded up) and the pool drops that connection.
    if (statementMs > 0) {
      properties.put("spring.datasource.hikari.data-source-properties.socketTimeout", (statementMs + 999) / 1000);
    }
    properties.put("spring.datasource.hikari.data-source-properties.connectTimeout",
        Math.max(1, (db.acquireTimeout().toMillis() + 999) / 1000));
    // Migrations are a separate step (`java -jar app.jar migrate`, the k8s Job), not part of start (C68).
    properties.put("spring.flyway.enabled", db.runMigrationsOnStart());
    return properties;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
