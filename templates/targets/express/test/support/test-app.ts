import { Router } from 'express';
import { buildApp, type HttpApp } from '../../src/app.ts';
import { appModules } from '../../src/modules.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/database/database.ts';
import { createPostgresDeadLetterStore } from '../../src/platform/events/dead-letters.ts';
import { createEventBus, type EventBus } from '../../src/platform/events/event-bus.ts';
import { createJobScheduler, type JobScheduler } from '../../src/platform/jobs/job-scheduler.ts';
import { createLifecycle, type Lifecycle } from '../../src/platform/lifecycle.ts';
import { capturingLogger, type LogLine } from './logs.ts';

export interface TestRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** Sent as `application/json`. */
  readonly json?: unknown;
  /** Sent as is, with whatever content-type `headers` names. */
  readonly body?: string;
}

export interface TestResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: string;
  json(): any;
}

export interface TestApp {
  /** The app and its server (listening on 127.0.0.1, a free port). */
  readonly http: HttpApp;
  readonly port: number;
  readonly config: Config;
  readonly lifecycle: Lifecycle;
  /** Call `events.drain()` to wait for handlers; `jobs.runNow(name)` to run a job. */
  readonly events: EventBus;
  readonly jobs: JobScheduler;
  /** Every log line the app wrote, parsed. */
  readonly logs: LogLine[];
  readonly rawLogs: string[];
  /** A real HTTP request to the app. */
  request(path: string, request?: TestRequest): Promise<TestResponse>;
  close(): Promise<void>;
}

/** Test configuration: production defaults plus `env` overrides, validated like in production. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    OTEL_SERVICE_NAME: 'test-svc',
    OTEL_RESOURCE_ATTRIBUTES: 'service.version=1.2.3',
    ...env,
  });
}

/**
 * Builds the app like production and starts it on a free port. `routes` adds test-only routes,
 * mounted at `/` after the modules like a module's router would be.
 */
export async function createTestApp(
  db: Database,
  env: Record<string, string> = {},
  routes?: (router: Router) => void,
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
  const modules = [...appModules];
  if (routes !== undefined) {
    const router = Router();
    routes(router);
    modules.push({ name: 'test-routes', routePrefix: '/', setup: () => router });
  }
  const http = buildApp({ config, db, logger, lifecycle, events, jobs, modules });
  const { port } = await http.listen();
  // A test that fails before close() must not keep the test process alive.
  http.server.unref();
  const base = `http://127.0.0.1:${port}`;

  return {
    http,
    port,
    config,
    lifecycle,
    events,
    jobs,
    logs: lines,
    rawLogs: raw,
    async request(path, { method = 'GET', headers = {}, json, body } = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: json === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: json === undefined ? body : JSON.stringify(json),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: text,
        json: () => JSON.parse(text) as unknown,
      };
    },
    async close() {
      await http.close();
    },
  };
}
