import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { freePort, startService } from './support/service-process.ts';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string };
}

interface OtlpSpan {
  name: string;
  kind: number;
  attributes: OtlpAttribute[];
}

/** Stands in for the collector; the service is told to export OTLP/HTTP as JSON. */
async function jsonCollector() {
  const spans: OtlpSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const payload = JSON.parse(body) as {
          resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
        };
        for (const resource of payload.resourceSpans) {
          for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { spans, port: (server.address() as { port: number }).port, close: () => server.close() };
}

function attribute(span: OtlpSpan | undefined, key: string): string | number | undefined {
  const value = span?.attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
}

/**
 * Express has no OpenTelemetry instrumentation in this project: the route template reaches the
 * HTTP server span and the duration metric through platform/http/route-telemetry.ts. This runs
 * the real entry point with the real SDK to prove it.
 */
describe('route templates in telemetry (entry point with the telemetry preload)', () => {
  test('parameterised routes name their span and label their metric with http.route', async () => {
    const collector = await jsonCollector();
    const metricsPort = await freePort();
    const service = await startService({
      OTEL_SERVICE_NAME: 'route-telemetry-test',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    });
    try {
      const id = '00000000-0000-4000-8000-000000000000';
      assert.equal((await fetch(`${service.base}/notes/${id}`)).status, 404);
      assert.equal((await fetch(`${service.base}/nowhere/${id}`)).status, 404);

      const server = (name: string) =>
        collector.spans.find((span) => span.kind === 2 && span.name === name);
      for (let waited = 0; !(server('GET /notes/:id') && server('GET')) && waited < 5000;) {
        await sleep(100);
        waited += 100;
      }
      const matched = server('GET /notes/:id');
      assert.equal(attribute(matched, 'http.route'), '/notes/:id');
      assert.equal(attribute(matched, 'url.path'), `/notes/${id}`);
      assert.equal(attribute(matched, 'http.response.status_code'), 404);
      // An unmatched path has no template: the span keeps the bare method as its name.
      const unmatched = server('GET');
      assert.ok(unmatched, 'span for the unmatched request');
      assert.equal(attribute(unmatched, 'http.route'), undefined);

      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      assert.match(
        metrics,
        /http_server_request_duration_seconds_count\{[^}]*http_route="\/notes\/:id"/,
      );
      assert.doesNotMatch(metrics, /http_route="[^"]*0000-4000/);
    } finally {
      const { code, stderr } = await service.stop();
      collector.close();
      assert.equal(code, 0);
      assert.equal(stderr, '');
    }
  });
});
