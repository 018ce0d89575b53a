import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/platform/config.ts';

const PRODUCTION = { DATABASE_URL: 'postgres://app:sentinel-db-9f3a@db.internal:5432/app' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration', () => {
  test('applies the contract defaults', () => {
    const config = loadConfig(PRODUCTION);
    assert.equal(config.nodeEnv, 'production');
    assert.deepEqual(
      {
        host: config.http.host,
        port: config.http.port,
        bodyLimitBytes: config.http.bodyLimitBytes,
        maxHeaderBytes: config.http.maxHeaderBytes,
        requestTimeoutMs: config.http.requestTimeoutMs,
        headersTimeoutMs: config.http.headersTimeoutMs,
        keepAliveTimeoutMs: config.http.keepAliveTimeoutMs,
        maxConcurrentRequests: config.http.maxConcurrentRequests,
        rateLimitPerMinute: config.http.rateLimitPerMinute,
        corsAllowedOrigins: config.http.corsAllowedOrigins,
        trustProxyHops: config.http.trustProxyHops,
      },
      {
        host: '0.0.0.0',
        port: 8080,
        bodyLimitBytes: 1048576,
        maxHeaderBytes: 16384,
        requestTimeoutMs: 30000,
        headersTimeoutMs: 10000,
        keepAliveTimeoutMs: 65000,
        maxConcurrentRequests: 1024,
        rateLimitPerMinute: 0,
        corsAllowedOrigins: [],
        trustProxyHops: 0,
      },
    );
    assert.deepEqual(config.shutdown, { delayMs: 5000, timeoutMs: 20000 });
    assert.equal(config.health.checkTimeoutMs, 1000);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.database.poolMax, 10);
    assert.equal(config.database.poolMin, 0);
    assert.equal(config.database.acquireTimeoutMs, 5000);
    assert.equal(config.database.statementTimeoutMs, 5000);
    assert.equal(config.database.idleInTransactionTimeoutMs, 10000);
    assert.equal(config.database.runMigrationsOnStart, false);
  });

  test('requires DATABASE_URL in production and names it', () => {
    const error = configError({});
    assert.match(error.message, /DATABASE_URL/);
  });

  test('falls back to the embedded database in development and migrates on start', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    assert.equal(config.database.url, undefined);
    assert.equal(config.database.runMigrationsOnStart, true);
  });

  for (const [name, value] of [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'verbose'],
    ['BODY_LIMIT_BYTES', '-1'],
    ['SHUTDOWN_TIMEOUT_MS', 'x'],
    ['SHUTDOWN_DELAY_MS', '1e3'],
    ['CORS_ALLOWED_ORIGINS', 'https://app.example.com/path'],
    ['DB_POOL_MIN', '50'],
    ['RUN_MIGRATIONS_ON_START', 'yes'],
  ] as const) {
    test(`rejects ${name}=${value} naming the variable`, () => {
      const error = configError({ ...PRODUCTION, [name]: value });
      assert.match(error.message, new RegExp(`\\b${name}\\b`));
    });
  }

  test('reports every bad variable at once', () => {
    const error = configError({ ...PRODUCTION, PORT: 'abc', LOG_LEVEL: 'loud' });
    assert.equal(error.issues.length, 2);
  });

  test('never echoes values, so secrets cannot leak through errors', () => {
    const error = configError({
      DATABASE_URL: 'mysql://app:sentinel-db-9f3a@db.internal/app',
      LOG_LEVEL: 'sentinel-level',
    });
    assert.match(error.message, /DATABASE_URL/);
    assert.doesNotMatch(error.message, /sentinel/);
  });

  test('treats empty variables as unset', () => {
    const config = loadConfig({ ...PRODUCTION, PORT: '', LOG_LEVEL: '' });
    assert.equal(config.http.port, 8080);
    assert.equal(config.logLevel, 'info');
  });

  test('parses the CORS allow-list and the service identity', () => {
    const config = loadConfig({
      ...PRODUCTION,
      CORS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:3000',
      OTEL_SERVICE_NAME: 'orders-api',
      OTEL_RESOURCE_ATTRIBUTES: 'service.version=1.4.2,deployment.environment.name=staging',
    });
    assert.deepEqual(config.http.corsAllowedOrigins, [
      'https://app.example.com',
      'http://localhost:3000',
    ]);
    assert.deepEqual(config.service, {
      name: 'orders-api',
      version: '1.4.2',
      environment: 'staging',
    });
    assert.equal(config.database.applicationName, 'orders-api');
  });
});
