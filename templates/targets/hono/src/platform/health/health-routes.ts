import type { Context, Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import type { Lifecycle } from '../lifecycle.ts';
import type { ServiceIdentity } from '../service-identity.ts';
import { readinessReport, type HealthCheck, type HealthReport } from './health-report.ts';
import { LIVENESS_PATH, READINESS_PATH } from './probe-paths.ts';

const HEALTH_MEDIA_TYPE = 'application/health+json';

export interface HealthRoutesOptions {
  readonly service: ServiceIdentity;
  readonly lifecycle: Lifecycle;
  readonly checks: readonly HealthCheck[];
  readonly checkTimeoutMs: number;
}

function healthResponse(c: Context, report: HealthReport, status: 200 | 503): Response {
  return c.body(JSON.stringify(report), status, { 'content-type': HEALTH_MEDIA_TYPE });
}

/**
 * /livez answers from process-local state only: a database outage must not make Kubernetes
 * restart every replica. /readyz adds the dependency checks and fails while shutting down. Both
 * are exempt from load shedding, rate limiting, access logs and tracing (probe-paths.ts). Hono
 * answers HEAD with the GET route and an empty body.
 */
export function registerHealthRoutes<E extends AppEnv>(
  app: Hono<E>,
  options: HealthRoutesOptions,
): void {
  const { service, lifecycle, checks, checkTimeoutMs } = options;

  app.get(LIVENESS_PATH, (c) =>
    healthResponse(c, { status: 'pass', serviceId: service.name, version: service.version }, 200),
  );

  app.get(READINESS_PATH, async (c) => {
    if (lifecycle.phase !== 'serving') {
      return healthResponse(
        c,
        {
          status: 'fail',
          serviceId: service.name,
          version: service.version,
          notes: ['shutting down'],
        },
        503,
      );
    }
    const report = await readinessReport(service, checks, checkTimeoutMs);
    return healthResponse(c, report, report.status === 'fail' ? 503 : 200);
  });
}
