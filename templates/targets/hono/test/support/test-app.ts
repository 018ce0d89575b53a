import type { Hono } from 'hono';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/database/database.ts';
import { createPostgresDeadLetterStore } from '../../src/platform/events/dead-letters.ts';
import { createEventBus, type EventBus } from '../../src/platform/events/event-bus.ts';
import type { AppEnv } from '../../src/platform/http/app-env.ts';
import { createJobScheduler, type JobScheduler } from '../../src/platform/jobs/job-scheduler.ts';
import { createLifecycle, type Lifecycle } from '../../src/platform/lifecycle.ts';
import { capturingLogger, type LogLine } from './logs.ts';

export interface TestApp {
  /** The Hono app: `app.request('/notes')` runs a request in memory, no socket. */
  readonly app: Hono<AppEnv>;
  readonly config: Config;
  readonly lifecycle: Lifecycle;
  /** Call `events.drain()` to wait for handlers; `jobs.runNow(name)` to run a job. */
  readonly events: EventBus;
  readonly jobs: JobScheduler;
  readonly inFlightRequests: () => number;
  /** Every log line the app wrote, parsed. */
  readonly logs: LogLine[];
  readonly rawLogs: string[];
}

/** Test configuration: production defaults plus `env` overrides, validated like in production. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    OTEL_SERVICE_NAME: 'test-svc',
    OTEL_RESOURCE_ATTRIBUTES: 'service.version=1.2.3',
    ...env,
  });
}

/** `routes` adds test-only routes after the platform and the modules, like a module would. */
export function createTestApp(
  db: Database,
  env: Record<string, string> = {},
  routes?: (app: Hono<AppEnv>) => void,
): TestApp {
  const config = testConfig(env);
  const { logger, lines, raw } = capturingLogger(config.logLevel);
  const lifecycle = createLifecycle();
  // No retry delays in tests; the retry logic itself is tested in events.test.ts.
  const events = createEventBus({
    logger,
    deadLetters: createPostgresDeadLetterStore(db),
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 },
  });
  const jobs = createJobScheduler(logger);
  const { app, inFlightRequests } = buildApp({ config, db, logger, lifecycle, events, jobs });
  routes?.(app);
  return { app, config, lifecycle, events, jobs, inFlightRequests, logs: lines, rawLogs: raw };
}
