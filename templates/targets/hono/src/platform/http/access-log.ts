import { createMiddleware } from 'hono/factory';
import { isProbePath } from '../health/probe-paths.ts';
import type { AppEnv } from './app-env.ts';
import type { Forwarded } from './forwarded.ts';
import { matchedRoute } from './route-info.ts';

/**
 * One contract-shaped line per request ("request completed"), probes excluded: `url.path`
 * without the query string (tokens live there), no headers, no bodies. `request_id` comes from
 * the request logger's bindings, `trace_id`/`span_id` from the OpenTelemetry pino
 * instrumentation. Exceptions are logged once, by the error handler, not repeated here.
 */
export function accessLog(origin: Forwarded) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (isProbePath(c.req.path)) return next();
    const started = performance.now();
    await next();
    const status = c.res.status;
    const fields = {
      'http.request.method': c.req.method,
      'url.path': c.req.path,
      'http.route': matchedRoute(c),
      'http.response.status_code': status,
      duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
      'client.address': origin.clientAddress(c) ?? null,
      'user_agent.original': c.req.header('user-agent') ?? null,
    };
    const log = c.get('logger');
    if (status >= 500) log.error(fields, 'request completed');
    else if (status >= 400) log.warn(fields, 'request completed');
    else log.info(fields, 'request completed');
  });
}
