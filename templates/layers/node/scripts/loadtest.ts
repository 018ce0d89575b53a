/**
 * Load test against a running instance (npm run dev, or npm run build && npm start):
 *   npm run loadtest                                   GET /notes for 10 s, 50 connections
 *   npm run loadtest -- --url http://127.0.0.1:8080/livez --duration 30 --connections 100
 * Reports throughput and p50/p95/p99 latency. Bounded in time; targets 127.0.0.1 by default.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8080/notes' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});

const duration = Math.min(Number(values.duration), 300);
const latencies: number[] = [];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    { url: values.url, duration, connections: Number(values.connections) },
    (error: Error | null, finished) => (error ? reject(error) : resolve(finished)),
  );
  // autocannon's summary has p97.5 but no p95, so keep every response time.
  instance.on('response', (_client, _statusCode, _bytes, responseTime) =>
    latencies.push(responseTime),
  );
});
latencies.sort((a, b) => a - b);
const format = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`target       ${values.url} (${duration} s, ${values.connections} connections)`);
console.log(`requests     ${result.requests.total} (${result.requests.average.toFixed(0)} req/s)`);
console.log(
  `statuses     2xx=${result['2xx']} non-2xx=${result.non2xx} errors=${result.errors} timeouts=${result.timeouts}`,
);
console.log(
  `latency      p50=${format(percentile(latencies, 50))} p95=${format(percentile(latencies, 95))} p99=${format(percentile(latencies, 99))}`,
);
if (result.errors > 0 && result.requests.total === 0) {
  console.error('no response at all: is the service running? (npm run dev)');
  process.exitCode = 1;
}
