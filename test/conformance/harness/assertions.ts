import type http from 'node:http';
import { mediaType, parseJson } from './http-client.js';

/**
 * Shape checks used by several contract checks. Each returns the list of problems (empty = ok)
 * so a test can assert `toEqual([])` and the failure message says exactly what is wrong.
 */
type Headers = http.IncomingHttpHeaders | Record<string, string>;

const header = (headers: Headers, name: string): string => {
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
};

/** C49 / S25 security headers on a response from the app port. */
export function securityHeaderViolations(headers: Headers): string[] {
  const problems: string[] = [];
  if (header(headers, 'x-content-type-options').toLowerCase() !== 'nosniff')
    problems.push('X-Content-Type-Options is not nosniff');
  if (!header(headers, 'cache-control').toLowerCase().includes('no-store'))
    problems.push('Cache-Control lacks no-store');
  if (!header(headers, 'content-security-policy').includes("frame-ancestors 'none'"))
    problems.push("CSP lacks frame-ancestors 'none'");
  if (header(headers, 'x-frame-options').toUpperCase() !== 'DENY')
    problems.push('X-Frame-Options is not DENY');
  if (
    !header(headers, 'referrer-policy')
      .toLowerCase()
      .split(/\s*,\s*/)
      .includes('no-referrer')
  )
    problems.push('Referrer-Policy is not no-referrer');
  if (header(headers, 'x-powered-by') !== '')
    problems.push(`X-Powered-By: ${header(headers, 'x-powered-by')}`);
  if (/\d/.test(header(headers, 'server')))
    problems.push(`Server carries a version: ${header(headers, 'server')}`);
  return problems;
}

/** C58: application/problem+json with type, title and status equal to the HTTP status. */
export function problemViolations(response: {
  status: number;
  headers: Headers;
  body: string | Buffer;
}): string[] {
  const problems: string[] = [];
  const type = mediaType(response.headers as http.IncomingHttpHeaders);
  if (type !== 'application/problem+json')
    problems.push(`${response.status} has Content-Type "${type}"`);
  const body = parseJson(response.body.toString());
  if (body === null || typeof body !== 'object')
    return [...problems, `${response.status} body is not a JSON object`];
  const record = body as Record<string, unknown>;
  if (typeof record.type !== 'string')
    problems.push(`${response.status} problem has no string "type"`);
  if (typeof record.title !== 'string')
    problems.push(`${response.status} problem has no string "title"`);
  if (record.status !== response.status)
    problems.push(`${response.status} problem has status ${JSON.stringify(record.status)}`);
  return problems;
}

/** Request id of a problem body (C58 SHOULD, S27). */
export function problemRequestId(response: { body: string }): unknown {
  const body = parseJson(response.body);
  return body !== null && typeof body === 'object'
    ? (body as Record<string, unknown>).request_id
    : undefined;
}

const INTERNALS: [string, RegExp][] = [
  [
    'stack frame',
    /(^|\s)at \S+ \(|(^|\s)at \/|\bTraceback\b|\.java:\d|\.(?:js|mjs|cjs|ts|py|go):\d+/,
  ],
  ['exception class name', /\b[A-Z][A-Za-z]*(?:Error|Exception)\b/],
  ['SQL', /\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|pg_sleep/],
  ['file path', /(?:^|[\s"'(])\/(?:app|src|dist|srv|home|usr|opt|tmp|work|node_modules)\//],
  [
    'framework version',
    /\b(?:fastify|express|hono|nestjs|koa|uvicorn|starlette|fastapi|spring|tomcat|jetty|gunicorn|node(?:\.js)?)[\s@/:v-]*\d+\.\d+/i,
  ],
];

/** C13 / C59: what a response body must never show; each problem quotes the offending text. */
export function leakedInternals(body: string, extra: Record<string, RegExp> = {}): string[] {
  const problems: string[] = [];
  for (const [name, regex] of [...INTERNALS, ...Object.entries(extra)]) {
    const match = regex.exec(body);
    if (match !== null)
      problems.push(
        `${name}: ${JSON.stringify(body.slice(Math.max(0, match.index - 20), match.index + 40))}`,
      );
  }
  return problems;
}

export const UUID_V4_OR_V7 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const RFC3339_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,9}Z$/;
