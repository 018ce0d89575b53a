import { Router } from 'express';
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

/**
 * /livez answers from process-local state only: a database outage must not make Kubernetes
 * restart every replica. /readyz adds the dependency checks and fails while shutting down.
 * Both are exempt from shedding and rate limiting (see traffic-control.ts) and answer HEAD.
 */
export function healthRoutes(options: HealthRoutesOptions): Router {
  const { service, lifecycle, checks, checkTimeoutMs } = options;
  const router = Router();

  router.get(LIVENESS_PATH, (_req, res) => {
    const report: HealthReport = {
      status: 'pass',
      serviceId: service.name,
      version: service.version,
    };
    res.type(HEALTH_MEDIA_TYPE).json(report);
  });

  router.get(READINESS_PATH, async (_req, res) => {
    res.type(HEALTH_MEDIA_TYPE);
    if (lifecycle.phase !== 'serving') {
      const report: HealthReport = {
        status: 'fail',
        serviceId: service.name,
        version: service.version,
        notes: ['shutting down'],
      };
      res.status(503).json(report);
      return;
    }
    const report = await readinessReport(service, checks, checkTimeoutMs);
    res.status(report.status === 'fail' ? 503 : 200).json(report);
  });

  return router;
}
