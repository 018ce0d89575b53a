package com.example.app.platform.database;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * `java -jar app.jar migrate`: starts the application without a web server and with Flyway
 * enabled, applies pending migrations (src/main/resources/db/migration) and exits. Production runs
 * it as a separate step (the Kubernetes Job in k8s/base/migration-job.yaml), never on start (C68).
 */
public final class MigrateCommand {

  public static final String NAME = "migrate";
  /** Read by ContractEnvironmentPostProcessor: turns Flyway on for this run only. */
  public static final String PROPERTY = "app.migrate";

  private MigrateCommand() {}

  public static SpringApplication configure(SpringApplication application) {
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setDefaultProperties(Map.of(PROPERTY, "true", "otel.sdk.disabled", "true"));
    return application;
  }
}
