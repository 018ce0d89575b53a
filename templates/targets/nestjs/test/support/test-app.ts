import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/database/database.ts';
import { createPostgresDeadLetterStore } from '../../src/platform/events/dead-letters.ts';
import { createEventBus, type EventBus } from '../../src/platform/events/event-bus.ts';
import { createJobScheduler, type JobScheduler } from '../../src/platform/jobs/job-scheduler.ts';
import { createLifecycle, type Lifecycle } from '../../src/platform/lifecycle.ts';
import { capturingLogger, type LogLine } from './logs.ts';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: Config;
  readonly lifecycle: Lifecycle;
  /** Call `events.drain()` to wait for handlers; `jobs.runNow(name)` to run a job. */
  readonly events: EventBus;
  readonly jobs: JobScheduler;
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

/** `imports` adds test-only Nest modules (controllers) after the platform, like a module would. */
export async function createTestApp(
  db: Database,
  env: Record<string, string> = {},
  imports: readonly (Type | DynamicModule)[] = [],
): Promise<TestApp> {
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
  const app = await buildApp({ config, db, logger, lifecycle, events, jobs, imports });
  return { app, config, lifecycle, events, jobs, logs: lines, rawLogs: raw };
}
