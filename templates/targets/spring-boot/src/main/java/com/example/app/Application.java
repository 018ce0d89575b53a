package com.example.app;

import com.example.app.platform.config.ConfigException;
import com.example.app.platform.config.ConfigFailure;
import com.example.app.platform.config.ServiceConfig;
import com.example.app.platform.database.MigrateCommand;
import com.example.app.platform.lifecycle.CrashHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point. The environment is validated before Spring starts, so invalid configuration ends
 * the process with exit code 1 and one JSON error line, before any port is bound (contract C2, C3).
 * Direct sub-packages of this package are application modules (Spring Modulith); `platform` is the
 * shared infrastructure and never depends on a module.
 */
@SpringBootApplication
public class Application {

  public static void main(String[] args) {
    try {
      ServiceConfig.fromEnvironment(System.getenv());
    } catch (ConfigException error) {
      ConfigFailure.reportAndExit(error, System.getenv());
    }
    SpringApplication application = new SpringApplication(Application.class);
    if (args.length > 0 && MigrateCommand.NAME.equals(args[0])) {
      // `java -jar app.jar migrate`: apply Flyway migrations, then exit (never on start, C68).
      System.exit(SpringApplication.exit(MigrateCommand.configure(application).run(args)));
    }
    try {
      application.run(args);
    } catch (Throwable startupFailure) {
      // Spring Boot has already logged the cause as JSON; exit 1 instead of a raw stack on stderr.
      System.exit(1);
    }
    Thread.setDefaultUncaughtExceptionHandler(new CrashHandler());
  }
}
