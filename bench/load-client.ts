/**
 * One bounded autocannon run, in its own process so the runner can pin it to the load CPU:
 *   node load-client.js <url> <connections> <seconds>
 * Prints one JSON line (LoadClientResult). Latencies come from autocannon's per-response event
 * (sub-millisecond resolution; its summary histogram keeps whole milliseconds only).
 */
import autocannon from 'autocannon';

export interface LoadClientResult {
  url: string;
  durationSeconds: number;
  responses: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const [url, connections, seconds] = process.argv.slice(2);
if (url === undefined || !url.startsWith('http://127.0.0.1:'))
  throw new Error('load targets http://127.0.0.1 only');

const latencies: number[] = [];
const statusCodes: Record<string, number> = {};
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    { url, connections: Number(connections), duration: Number(seconds), timeout: 10 },
    (error: Error | null, finished: autocannon.Result) =>
      error ? reject(error) : resolve(finished),
  );
  instance.on('response', (_client, statusCode: number, _bytes, responseTime: number) => {
    latencies.push(responseTime);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  });
});

const sorted = Float64Array.from(latencies).sort();
const ok = Object.entries(statusCodes)
  .filter(([code]) => code.startsWith('2'))
  .reduce((sum, [, count]) => sum + count, 0);
const output: LoadClientResult = {
  url,
  durationSeconds: result.duration,
  responses: latencies.length,
  ok,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes,
  p50Ms: percentile(sorted, 50),
  p99Ms: percentile(sorted, 99),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
