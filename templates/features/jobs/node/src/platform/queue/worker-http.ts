import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readinessReport, type HealthCheck, type HealthReport } from '../health/health-report.ts';
import { LIVENESS_PATH, READINESS_PATH } from '../health/probe-paths.ts';
import type { Lifecycle } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import type { ServiceIdentity } from '../service-identity.ts';
import type { QueueWorker } from './bullmq-queue.ts';

const HEALTH_MEDIA_TYPE = 'application/health+json';
const DEAD_LETTERS_PATH = '/dead-letters';
const MAX_DEAD_LETTERS = 1000;

export interface WorkerHttpOptions {
  readonly service: ServiceIdentity;
  readonly lifecycle: Lifecycle;
  readonly checks: readonly HealthCheck[];
  readonly checkTimeoutMs: number;
  readonly worker: QueueWorker;
  readonly logger: Logger;
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json',
): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * The worker's own small HTTP server, on PORT like the web process (so the probes of the two
 * Deployments look the same), never exposed by a Service or an Ingress:
 * - GET /livez, /readyz: the health format of the web process; /readyz checks the database and
 *   the worker's Redis connection, and fails while the worker stops.
 * - GET /dead-letters?limit=100: jobs that failed every attempt (name, key, reason; no payload).
 * - POST /dead-letters/<id>/retry: puts one back on the queue with a fresh set of attempts.
 * Metrics are on the metrics port (OTEL_EXPORTER_PROMETHEUS_PORT) as for the web process.
 */
export function createWorkerHttpServer(options: WorkerHttpOptions): Server {
  const { service, lifecycle, checks, checkTimeoutMs, worker, logger } = options;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://worker');
    const { pathname } = url;
    if (request.method === 'GET' && pathname === LIVENESS_PATH) {
      const report: HealthReport = {
        status: 'pass',
        serviceId: service.name,
        version: service.version,
      };
      return send(response, 200, report, HEALTH_MEDIA_TYPE);
    }
    if (request.method === 'GET' && pathname === READINESS_PATH) {
      if (lifecycle.phase !== 'serving') {
        const report: HealthReport = {
          status: 'fail',
          serviceId: service.name,
          version: service.version,
          notes: ['shutting down'],
        };
        return send(response, 503, report, HEALTH_MEDIA_TYPE);
      }
      const report = await readinessReport(service, checks, checkTimeoutMs);
      return send(response, report.status === 'fail' ? 503 : 200, report, HEALTH_MEDIA_TYPE);
    }
    if (request.method === 'GET' && pathname === DEAD_LETTERS_PATH) {
      const limit = Number(url.searchParams.get('limit') ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DEAD_LETTERS) {
        return send(response, 400, {
          error: `limit must be an integer from 1 to ${MAX_DEAD_LETTERS}`,
        });
      }
      return send(response, 200, { items: await worker.deadLetters(limit) });
    }
    const retry = /^\/dead-letters\/([^/]+)\/retry$/.exec(pathname);
    if (request.method === 'POST' && retry) {
      const id = decodeURIComponent(retry[1]!);
      const retried = await worker.retry(id);
      if (retried) logger.info({ 'job.id': id }, 'dead letter put back on the queue');
      return send(
        response,
        retried ? 202 : 404,
        retried ? { id } : { error: 'no such dead letter' },
      );
    }
    send(response, 404, { error: 'not found' });
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'worker endpoint failed');
      if (!response.headersSent) send(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });
}
