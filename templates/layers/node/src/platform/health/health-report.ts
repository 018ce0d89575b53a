/**
 * Health Check Response Format for HTTP APIs (draft-inadarei-api-health-check), the body of
 * /livez and /readyz. Framework-free so it can be tested on its own.
 */
export type HealthStatus = 'pass' | 'warn' | 'fail';

export interface HealthCheck {
  /** `component:measurement`, e.g. `postgres:connection`. */
  readonly key: string;
  readonly componentType: 'datastore' | 'component' | 'system';
  /**
   * What a failure of this check means for the replica: `fail` (the default) takes it out of
   * rotation (503); `warn` reports a dependency the service degrades without, such as a cache,
   * and keeps answering 200 (the draft's "healthy, with some concerns").
   */
  readonly whenFailing?: 'fail' | 'warn';
  /** Resolves when healthy. Must stop work when `signal` aborts. */
  run(signal: AbortSignal): Promise<void>;
}

export interface CheckResult {
  readonly componentType: HealthCheck['componentType'];
  readonly status: HealthStatus;
  readonly observedValue: number;
  readonly observedUnit: 'ms';
  readonly time: string;
  /** Generic reason on failure; never the underlying error (it may name hosts or users). */
  readonly output?: string;
}

export interface HealthReport {
  readonly status: HealthStatus;
  readonly serviceId: string;
  readonly version: string;
  readonly checks?: Record<string, CheckResult[]>;
  readonly notes?: string[];
}

function abortRejection(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}

/** Bounded by `timeoutMs` even if the check ignores its signal (e.g. waiting for a pool slot). */
export async function runCheck(check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  let failure: string | undefined;
  try {
    await Promise.race([check.run(signal), abortRejection(signal)]);
  } catch {
    failure = signal.aborted ? `no answer within ${timeoutMs} ms` : 'check failed';
  }
  return {
    componentType: check.componentType,
    status: failure === undefined ? 'pass' : (check.whenFailing ?? 'fail'),
    observedValue: Math.round(performance.now() - started),
    observedUnit: 'ms',
    time: new Date().toISOString(),
    ...(failure === undefined ? {} : { output: failure }),
  };
}

export function overallStatus(results: readonly CheckResult[]): HealthStatus {
  if (results.some((result) => result.status === 'fail')) return 'fail';
  if (results.some((result) => result.status === 'warn')) return 'warn';
  return 'pass';
}

export async function readinessReport(
  service: { name: string; version: string },
  checks: readonly HealthCheck[],
  timeoutMs: number,
): Promise<HealthReport> {
  const results = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
  return {
    status: overallStatus(results),
    serviceId: service.name,
    version: service.version,
    checks: Object.fromEntries(checks.map((check, index) => [check.key, [results[index]!]])),
  };
}
