import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { SOURCE_ENTRYPOINT } from './support/source-entrypoint.ts';

/** A port that was free a moment ago (the child binds it right away). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * The real entry point with the telemetry preload, as `npm start` runs it (TypeScript sources,
 * embedded database): proves the wiring unit tests cannot see, such as log correlation,
 * Prometheus names and buckets, and a clean exit on SIGTERM.
 */
describe('entry point (node --import telemetry main)', () => {
  test('serves, exposes metrics, correlates logs and exits 0 on SIGTERM', async () => {
    const metricsPort = await freePort();
    // Stands in for the OpenTelemetry Collector's OTLP/HTTP receiver.
    const exportedPaths: string[] = [];
    const collector = createHttpServer((request, response) => {
      exportedPaths.push(request.url ?? '');
      request.resume();
      request.on('end', () => response.writeHead(200).end());
    }).listen(0, '127.0.0.1');
    await once(collector, 'listening');
    const collectorPort = (collector.address() as { port: number }).port;
    const child = spawn(process.execPath, SOURCE_ENTRYPOINT, {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        PORT: '0',
        HOST: '127.0.0.1',
        SHUTDOWN_DELAY_MS: '0',
        OTEL_SERVICE_NAME: 'entrypoint-test',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Array<Record<string, unknown>> = [];
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const listening = new Promise<string>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const complete = buffered.split('\n');
        buffered = complete.pop() ?? '';
        for (const raw of complete.filter(Boolean)) {
          const line = JSON.parse(raw) as Record<string, unknown>;
          lines.push(line);
          const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(line.msg));
          if (match?.[1]) resolve(match[1]);
        }
      });
    });
    const exited = once(child, 'exit');
    try {
      const base = await listening;
      assert.equal((await fetch(`${base}/livez`)).status, 200);
      assert.equal((await fetch(`${base}/notes`)).status, 200);

      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      assert.match(String(metrics.headers.get('content-type')), /^text\/plain; version=0\.0\.4/);
      const text = await metrics.text();
      assert.match(text, /http_server_request_duration_seconds_count\{[^}]*http_route="\/notes"/);
      const buckets = [
        ...text.matchAll(/http_server_request_duration_seconds_bucket\{[^}]*le="([^"]+)"/g),
      ].map((m) => m[1]);
      assert.deepEqual(
        [...new Set(buckets)],
        [
          '0.005',
          '0.01',
          '0.025',
          '0.05',
          '0.075',
          '0.1',
          '0.25',
          '0.5',
          '0.75',
          '1',
          '2.5',
          '5',
          '7.5',
          '10',
          '+Inf',
        ],
      );
      assert.match(text, /^process_cpu_time_seconds_total/m);
      assert.match(text, /^v8js_memory_heap_used_bytes/m);
      assert.match(text, /^target_info\{[^}]*service_name="entrypoint-test"/m);

      const access = lines.find((line) => line['url.path'] === '/notes');
      assert.match(String(access?.trace_id), /^[0-9a-f]{32}$/);
      assert.match(String(access?.span_id), /^[0-9a-f]{16}$/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    collector.close();
    assert.equal(code, 0);
    assert.ok(lines.some((line) => line.msg === 'shutdown complete'));
    assert.ok(exportedPaths.includes('/v1/traces'), 'spans were flushed to the collector');
    assert.equal(stderr, '');
  });
});
