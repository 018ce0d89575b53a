/** Literal values the contract's checks name (contract.md §2), in one place. */
export const SERVICE_NAME = 'conformance-svc';
export const SERVICE_VERSION = '0.0.0-test';
export const DEPLOYMENT_ENVIRONMENT = 'test';
export const DB_PASSWORD_CANARY = 'sentinel-db-9f3a';

/** C25 / C32: the inbound W3C trace context. */
export const INBOUND_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const INBOUND_PARENT_ID = '00f067aa0ba902b7';
export const traceparent = (
  traceId = INBOUND_TRACE_ID,
  parentId = INBOUND_PARENT_ID,
  flags = '01',
): string => `00-${traceId}-${parentId}-${flags}`;

/** A fresh random 32-hex trace id, so checks sharing an instance never see each other's spans. */
export const randomTraceId = (): string => crypto.randomUUID().replace(/-/g, '');
export const randomSpanId = (): string => crypto.randomUUID().replace(/-/g, '').slice(0, 16);

/** Baseline shutdown timings (§2.3). */
export const SHUTDOWN_DELAY_MS = 2000;
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** C8: startup budget per ecosystem (/livez 200 after start); a JVM without CDS/AOT gets 30 s. */
export const STARTUP_BUDGET_MS: Record<string, number> = {
  node: 10_000,
  python: 10_000,
  go: 10_000,
  jvm: 30_000,
};

/** How long a launch waits for readiness: three startup budgets, as the test machines are shared. */
export const launchTimeoutMs = (ecosystem: string): number =>
  3 * (STARTUP_BUDGET_MS[ecosystem] ?? 10_000);

/** C42: the finite histogram bucket boundaries, exactly. */
export const HTTP_DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** C34: accepted route templates of the items fixture. */
export const ITEMS_ROUTES = ['/__conformance/items/:id', '/__conformance/items/{id}'];

export const PROBE_PATHS = ['/livez', '/readyz'] as const;

/** C28 sentinels. */
export const REDACTION_SENTINELS = {
  authorization: 'sentinel-auth-1',
  cookie: 'sentinel-cookie-2',
  apiKey: 'sentinel-key-3',
  query: 'sentinel-q-4',
  body: 'sentinel-body-5',
} as const;

/** C45: accepted runtime metric names per ecosystem. */
export const RUNTIME_METRICS: Record<
  string,
  { cpu: string[]; memory: string[]; runtime: string[] }
> = {
  node: {
    cpu: ['process_cpu_time_seconds_total'],
    memory: ['process_memory_usage_bytes', 'v8js_memory_heap_used_bytes'],
    runtime: ['nodejs_eventloop_delay_p99_seconds', 'nodejs_eventloop_utilization'],
  },
  go: {
    cpu: ['process_cpu_time_seconds_total', 'go_cpu'],
    memory: ['go_memory_used_bytes'],
    runtime: ['go_goroutine_count'],
  },
  jvm: {
    cpu: ['jvm_cpu_time_seconds_total'],
    memory: ['jvm_memory_used_bytes'],
    runtime: ['jvm_thread_count', 'jvm_gc_duration_seconds'],
  },
  python: {
    cpu: ['process_cpu_time_seconds_total', 'process_runtime_cpython_cpu_time'],
    memory: ['process_memory_usage_bytes', 'process_runtime_cpython_memory_bytes'],
    runtime: ['cpython_gc_'],
  },
};

/** S07: what a stack frame looks like in each runtime's stack trace text. */
export const STACK_FRAME: Record<string, RegExp> = {
  node: /\bat\s/,
  jvm: /\bat\s/,
  python: /File "[^"]+", line \d+/,
  go: /\.go:\d+/,
};
