package com.example.app.platform.jobs;

import com.example.app.platform.database.MigrateCommand;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the modules' {@code @Scheduled} jobs (`create-scalable-backend add job`) on Spring Boot's
 * task scheduler, in every replica, never in the migrate command. On shutdown the scheduler stops
 * starting runs and waits for running ones up to SHUTDOWN_TIMEOUT_MS (ContractEnvironmentPostProcessor).
 * A failing run is logged by the scheduler and the job runs again at its next interval.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = MigrateCommand.PROPERTY, havingValue = "false", matchIfMissing = true)
public class Scheduling {}
