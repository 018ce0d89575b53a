import http from 'node:http';
import { now } from './ports.js';

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined by ", " (node's rules). */
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Runner monotonic ms. */
  startedAt: number;
  endedAt: number;
  elapsedMs: number;
}

export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/**
 * One request on a fresh TCP connection (no agent, no pooling), to 127.0.0.1:port.
 * Rejects on network errors (refused, reset) and on timeout.
 */
export function httpRequest(
  port: number,
  path: string,
  options: HttpRequestOptions = {},
): Promise<HttpResponse> {
  const startedAt = now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        timeout: options.timeoutMs ?? 15_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const endedAt = now();
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            startedAt,
            endedAt,
            elapsedMs: endedAt - startedAt,
          });
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`timeout after ${options.timeoutMs ?? 15_000} ms`)),
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

export type Attempt =
  { response: HttpResponse; error?: undefined } | { response?: undefined; error: string };

/** Like httpRequest, but a network failure is a value (for checks where refusal is allowed). */
export async function attempt(
  port: number,
  path: string,
  options: HttpRequestOptions = {},
): Promise<Attempt> {
  try {
    return { response: await httpRequest(port, path, options) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code ?? (error as Error).message };
  }
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(headers: http.IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
