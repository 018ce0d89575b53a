import type { FastifyInstance } from 'fastify';
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
 */
export function registerHealthRoutes(app: FastifyInstance, options: HealthRoutesOptions): void {
  const { service, lifecycle, checks, checkTimeoutMs } = options;
  // Probes must keep answering under load: @fastify/under-pressure skips a route whose
  // pressureHandler returns nothing.
  const config = { pressureHandler: () => undefined };

  app.get(LIVENESS_PATH, { config }, async (_request, reply) => {
    reply.type(HEALTH_MEDIA_TYPE);
    return {
      status: 'pass',
      serviceId: service.name,
      version: service.version,
    } satisfies HealthReport;
  });

  app.get(READINESS_PATH, { config }, async (_request, reply) => {
    reply.type(HEALTH_MEDIA_TYPE);
    if (lifecycle.phase !== 'serving') {
      reply.code(503);
      return {
        status: 'fail',
        serviceId: service.name,
        version: service.version,
        notes: ['shutting down'],
      } satisfies HealthReport;
    }
    const report = await readinessReport(service, checks, checkTimeoutMs);
    reply.code(report.status === 'fail' ? 503 : 200);
    return report;
  });
}
