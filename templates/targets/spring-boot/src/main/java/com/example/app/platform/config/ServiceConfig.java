package com.example.app.platform.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The service's whole configuration, read from environment variables once at startup and
 * validated strictly (contract §0.2). {@link ContractEnvironmentPostProcessor} maps it onto Spring
 * Boot properties, so this record is the single place that knows the variable names and defaults.
 */
public record ServiceConfig(
    String host,
    int port,
    String logLevel,
    long bodyLimitBytes,
    int maxHeaderBytes,
    Duration requestTimeout,
    Duration headersTimeout,
    Duration keepAliveTimeout,
    int maxConcurrentRequests,
    int rateLimitPerMinute,
    List<String> corsAllowedOrigins,
    int trustProxyHops,
    Duration shutdownDelay,
    Duration shutdownTimeout,
    Duration healthCheckTimeout,
    Database database,
    ServiceIdentity service) {

  public static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error", "fatal");

  /** PostgreSQL pool and session settings; the URL is a secret and never appears in messages. */
  public record Database(
      String jdbcUrl,
      String username,
      String password,
      int poolMax,
      int poolMin,
      Duration acquireTimeout,
      Duration statementTimeout,
      Duration idleInTransactionTimeout,
      boolean runMigrationsOnStart) {

    @Override
    public String toString() {
      return "Database[url=<redacted>, poolMax=%d, poolMin=%d]".formatted(poolMax, poolMin);
    }
  }

  public static ServiceConfig fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env::get);
  }

  /** Reads through a lookup, e.g. Spring's Environment (system env plus test properties). */
  public static ServiceConfig fromEnvironment(Function<String, String> env) {
    Reader reader = new Reader(env);
    String host = reader.text("HOST", "0.0.0.0");
    int port = (int) reader.integer("PORT", 8080, 0, 65_535);
    String logLevel = reader.oneOf("LOG_LEVEL", "info", LOG_LEVELS);
    long bodyLimit = reader.integer("BODY_LIMIT_BYTES", 1_048_576, 1, Integer.MAX_VALUE);
    int maxHeaderBytes = (int) reader.integer("MAX_HEADER_BYTES", 16_384, 1024, 1_048_576);
    Duration requestTimeout = reader.millis("REQUEST_TIMEOUT_MS", 30_000, 1);
    Duration headersTimeout = reader.millis("HEADERS_TIMEOUT_MS", 10_000, 1);
    Duration keepAliveTimeout = reader.millis("KEEP_ALIVE_TIMEOUT_MS", 65_000, 1);
    int maxConcurrent = (int) reader.integer("MAX_CONCURRENT_REQUESTS", 1024, 1, 1_000_000);
    int rateLimit = (int) reader.integer("RATE_LIMIT_RPM", 0, 0, 1_000_000);
    List<String> origins = reader.origins("CORS_ALLOWED_ORIGINS");
    int trustProxyHops = (int) reader.integer("TRUST_PROXY_HOPS", 0, 0, 10);
    Duration shutdownDelay = reader.millis("SHUTDOWN_DELAY_MS", 5_000, 0);
    Duration shutdownTimeout = reader.millis("SHUTDOWN_TIMEOUT_MS", 20_000, 0);
    Duration healthTimeout = reader.millis("HEALTH_CHECK_TIMEOUT_MS", 1_000, 1);
    Database database = reader.database();
    ServiceIdentity service = ServiceIdentity.fromEnvironment(env);
    reader.throwIfInvalid();
    return new ServiceConfig(host, port, logLevel, bodyLimit, maxHeaderBytes, requestTimeout,
        headersTimeout, keepAliveTimeout, maxConcurrent, rateLimit, origins, trustProxyHops,
        shutdownDelay, shutdownTimeout, healthTimeout, database, service);
  }

  /** Collects every problem before failing, so one run reports all of them. */
  private static final class Reader {
    private final Function<String, String> env;
    private final List<String> problems = new ArrayList<>();

    Reader(Function<String, String> env) {
      this.env = env;
    }

    private String raw(String name) {
      String value = env.apply(name);
      return value == null || value.isEmpty() ? null : value;
    }

    String text(String name, String fallback) {
      String value = raw(name);
      return value == null ? fallback : value;
    }

    /** Digits only: Long.parseLong would also accept "+12" and "-1". */
    long integer(String name, long fallback, long min, long max) {
      String value = raw(name);
      if (value == null) return fallback;
      if (!value.matches("\\d{1,18}")) {
        problems.add(name + " must be a non-negative integer");
        return fallback;
      }
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        problems.add(name + " must be between " + min + " and " + max);
        return fallback;
      }
      return parsed;
    }

    Duration millis(String name, long fallback, long min) {
      return Duration.ofMillis(integer(name, fallback, min, 86_400_000L));
    }

    String oneOf(String name, String fallback, Set<String> allowed) {
      String value = text(name, fallback);
      if (!allowed.contains(value)) {
        problems.add(name + " must be one of " + String.join(",", allowed.stream().sorted().toList()));
        return fallback;
      }
      return value;
    }

    boolean bool(String name, boolean fallback) {
      String value = raw(name);
      if (value == null) return fallback;
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "1" -> true;
        case "false", "0" -> false;
        default -> {
          problems.add(name + " must be true or false");
          yield fallback;
        }
      };
    }

    List<String> origins(String name) {
      String value = raw(name);
      if (value == null) return List.of();
      List<String> origins = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      for (String origin : origins) {
        if (!origin.matches("https?://[A-Za-z0-9.-]+(:\\d+)?")) {
          problems.add(name + " must be exact origins like https://app.example.com (no path or trailing slash)");
          return List.of();
        }
      }
      return origins;
    }

    Database database() {
      String url = raw("DATABASE_URL");
      int poolMax = (int) integer("DB_POOL_MAX", 10, 1, 1000);
      int poolMin = (int) integer("DB_POOL_MIN", 0, 0, 1000);
      Duration acquire = millis("DB_POOL_ACQUIRE_TIMEOUT_MS", 5_000, 250);
      Duration statement = millis("DB_STATEMENT_TIMEOUT_MS", 5_000, 0);
      Duration idleInTx = millis("DB_IDLE_IN_TX_TIMEOUT_MS", 10_000, 0);
      boolean migrateOnStart = bool("RUN_MIGRATIONS_ON_START", false);
      if (poolMin > poolMax) problems.add("DB_POOL_MIN must not exceed DB_POOL_MAX");
      if (url == null) {
        problems.add("DATABASE_URL is required (postgres://user:password@host:5432/database)");
        return null;
      }
      Function<String, String> decode = part -> java.net.URLDecoder.decode(part, java.nio.charset.StandardCharsets.UTF_8);
      try {
        URI uri = new URI(url);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) throw new IllegalArgumentException();
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) throw new IllegalArgumentException();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
          String[] parts = uri.getRawUserInfo().split(":", 2);
          user = decode.apply(parts[0]);
          password = parts.length > 1 ? decode.apply(parts[1]) : null;
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
        return new Database(jdbcUrl, user, password, poolMax, poolMin, acquire, statement, idleInTx, migrateOnStart);
      } catch (java.net.URISyntaxException | IllegalArgumentException invalid) {
        // The value is a secret: the message says what is wrong, never what it was.
        problems.add("DATABASE_URL must be a postgres:// URL with host and database");
        return null;
      }
    }

    void throwIfInvalid() {
      if (!problems.isEmpty()) throw new ConfigException(problems);
    }
  }
}
