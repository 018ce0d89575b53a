/** Probe endpoints: exempt from access logs, tracing, rate limiting and load shedding. */
export const LIVENESS_PATH = '/livez';
export const READINESS_PATH = '/readyz';

const PROBE_PATHS = new Set([LIVENESS_PATH, READINESS_PATH]);

/** `url` may carry a query string (`/readyz?verbose`). */
export function isProbePath(url: string | undefined): boolean {
  if (url === undefined) return false;
  const queryStart = url.indexOf('?');
  return PROBE_PATHS.has(queryStart === -1 ? url : url.slice(0, queryStart));
}
