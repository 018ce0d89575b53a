import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { Lifecycle } from '../lifecycle.ts';
import type { ServiceIdentity } from '../service-identity.ts';
import { readinessReport, type HealthCheck, type HealthReport } from './health-report.ts';
import { LIVENESS_PATH, READINESS_PATH } from './probe-paths.ts';

const HEALTH_MEDIA_TYPE = 'application/health+json';

// Probes must keep answering under load: @fastify/under-pressure skips a route whose
// pressureHandler returns nothing.
const PROBE_ROUTE_CONFIG = { pressureHandler: () => undefined };

export const HEALTH_OPTIONS = Symbol('HealthOptions');

export interface HealthOptions {
  readonly service: ServiceIdentity;
  readonly lifecycle: Lifecycle;
  readonly checks: readonly HealthCheck[];
  readonly checkTimeoutMs: number;
}

/**
 * /livez answers from process-local state only: a database outage must not make Kubernetes
 * restart every replica. /readyz adds the dependency checks and fails while shutting down.
 *
 * Not @nestjs/terminus: its body ({"status":"ok","info":…,"details":…}) cannot take the
 * contract's IETF health+json shape (pass/fail, serviceId, checks keyed `component:measurement`),
 * and its graceful shutdown relies on Nest's signal hooks, which platform/run-service.ts replaces.
 * The checks themselves are the platform's (health-report.ts), shared by every Node target.
 */
@Controller()
export class HealthController {
  constructor(@Inject(HEALTH_OPTIONS) private readonly options: HealthOptions) {}

  @Get(LIVENESS_PATH)
  @RouteConfig(PROBE_ROUTE_CONFIG)
  @Header('content-type', HEALTH_MEDIA_TYPE)
  liveness(): HealthReport {
    const { service } = this.options;
    return { status: 'pass', serviceId: service.name, version: service.version };
  }

  @Get(READINESS_PATH)
  @RouteConfig(PROBE_ROUTE_CONFIG)
  @Header('content-type', HEALTH_MEDIA_TYPE)
  async readiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const { service, lifecycle, checks, checkTimeoutMs } = this.options;
    if (lifecycle.phase !== 'serving') {
      reply.code(503);
      return {
        status: 'fail',
        serviceId: service.name,
        version: service.version,
        notes: ['shutting down'],
      };
    }
    const report = await readinessReport(service, checks, checkTimeoutMs);
    reply.code(report.status === 'fail' ? 503 : 200);
    return report;
  }
}
