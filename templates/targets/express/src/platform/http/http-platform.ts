import type { Express } from 'express';
import type { HttpConfig } from '../config.ts';
import type { Lifecycle } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import { accessLog } from './access-log.ts';
import { respondWithError } from './error-handling.ts';
import { jsonBody } from './json-body.ts';
import { requestContext } from './request-context.ts';
import { enableRouteTelemetry } from './route-telemetry.ts';
import { securityHeaders } from './security-headers.ts';
import { trafficControl } from './traffic-control.ts';

export interface HttpPlatform {
  /** Requests being handled right now (probes excluded); reported by a forced shutdown. */
  inFlightRequests(): number;
  /** Releases the platform's timers (on server close). */
  stop(): void;
}

/**
 * The production defaults every route gets, as middleware in this order: access log and request
 * id, response deadline, security headers and CORS, traffic control (shutdown, concurrency cap,
 * process pressure, rate limit), then the JSON body parser. Must run before any route is
 * registered; `registerErrorHandling` runs after the last one.
 */
export function registerHttpPlatform(
  app: Express,
  http: HttpConfig,
  lifecycle: Lifecycle,
  logger: Logger,
): HttpPlatform {
  app.disable('x-powered-by');
  // Responses are never cached (Cache-Control: no-store), so ETags would only cost hashing.
  app.set('etag', false);
  // Trust the nearest TRUST_PROXY_HOPS peers (ingress, load balancer) for X-Forwarded-*: they
  // decide `req.ip`, `req.protocol` and `req.secure`. Zero ignores the headers entirely.
  app.set('trust proxy', http.trustProxyHops > 0 ? http.trustProxyHops : false);
  enableRouteTelemetry();

  const traffic = trafficControl(http, lifecycle, logger);
  app.use(
    accessLog(logger),
    requestContext(http.requestTimeoutMs, respondWithError),
    ...securityHeaders(http.corsAllowedOrigins),
    ...traffic.handlers,
    jsonBody(http.bodyLimitBytes),
  );
  return traffic;
}
