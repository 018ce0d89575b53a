import { createServer, type Server } from 'node:http';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import type { Logger } from '../logger.ts';
import { withUnitSuffixes } from './prometheus-names.ts';

// The exporter's built-in server answers `text/plain` without the exposition-format version,
// so this small server serves the same data with the content type Prometheus negotiates.
const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsEndpoint {
  readonly reader: PrometheusExporter;
  readonly port: number;
  close(): Promise<void>;
}

/** Prometheus scrape endpoint on its own port, never on the public API port. */
export function startMetricsEndpoint(host: string, port: number, logger: Logger): MetricsEndpoint {
  const reader = new PrometheusExporter({ preventServerStart: true });
  const serializer = new PrometheusSerializer();

  async function scrape(): Promise<string> {
    const { resourceMetrics } = await reader.collect();
    // Resource detectors finish asynchronously; an early scrape would get a partial target_info.
    await resourceMetrics.resource.waitForAsyncAttributes?.();
    return serializer.serialize(withUnitSuffixes(resourceMetrics));
  }

  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404).end();
      return;
    }
    scrape().then(
      (body) => {
        response.writeHead(200, { 'content-type': CONTENT_TYPE, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'metrics collection failed');
        response.writeHead(500).end();
      },
    );
  });
  // Telemetry must never take the service down: a taken port costs the metrics, not the process.
  server.on('error', (error) => {
    logger.warn({ err: error, 'server.port': port }, 'metrics endpoint is not available');
  });
  server.listen(port, host);
  server.unref();

  return {
    reader,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
