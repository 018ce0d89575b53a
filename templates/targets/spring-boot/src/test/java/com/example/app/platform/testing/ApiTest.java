package com.example.app.platform.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service on a random port against real PostgreSQL: TEST_DATABASE_URL (CI provides one;
 * locally `docker compose up -d postgres` and
 * TEST_DATABASE_URL=postgres://app:app@127.0.0.1:5432/app). Flyway migrates the database first,
 * as the migrate step does in production. Every module's API test uses this one annotation, so
 * Spring starts the application once for all of them (one cached context). Without
 * TEST_DATABASE_URL the tests are skipped, and JUnit reports them as skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EnabledIfEnvironmentVariable(named = "TEST_DATABASE_URL", matches = ".+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "DATABASE_URL=${TEST_DATABASE_URL}",
    "PORT=0",
    "RUN_MIGRATIONS_ON_START=true",
    "SHUTDOWN_DELAY_MS=0",
    "OTEL_SDK_DISABLED=true",
    "OTEL_METRICS_EXPORTER=none"})
public @interface ApiTest {}
