import type { Hono } from 'hono';
import type { HttpConfig } from '../config.ts';
import type { Lifecycle } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import { accessLog } from './access-log.ts';
import type { AppEnv } from './app-env.ts';
import { bodyRules } from './body-rules.ts';
import { deadline } from './deadline.ts';
import { registerErrorHandling } from './error-handling.ts';
import { forwarded, type PeerAddress } from './forwarded.ts';
import type { PressureGauge } from './process-pressure.ts';
import { requestId } from './request-id.ts';
import { routeTelemetry } from './route-telemetry.ts';
import { corsPolicy, securityHeaders } from './security-headers.ts';
import { trafficControl, type TrafficControl } from './traffic-control.ts';

export interface HttpPlatformOptions {
  readonly http: HttpConfig;
  readonly lifecycle: Lifecycle;
  readonly logger: Logger;
  /** How the runtime adapter exposes the peer's address (Node socket, Lambda event, …). */
  readonly peerAddress: PeerAddress;
  /** Shed on event-loop lag and heap use; undefined where that does not apply (Lambda). */
  readonly pressure: PressureGauge | undefined;
}

/**
 * The production defaults every route gets, outermost first: request id and logger, route name
 * on the span, access log, security headers and CORS, traffic control (shutdown, concurrency cap,
 * pressure, rate limit), the response deadline, body rules, then problem+json errors. Must run
 * before any route is registered: Hono runs middleware in registration order.
 */
export function registerHttpPlatform(
  app: Hono<AppEnv>,
  options: HttpPlatformOptions,
): Pick<TrafficControl, 'inFlightRequests'> {
  const { http, lifecycle, logger, peerAddress, pressure } = options;
  const origin = forwarded(peerAddress, http.trustProxyHops);
  const traffic = trafficControl({ http, lifecycle, origin, pressure });
  app.use(
    requestId(logger),
    routeTelemetry(),
    accessLog(origin),
    ...securityHeaders(origin),
    ...corsPolicy(http.corsAllowedOrigins),
    ...traffic.middleware,
    deadline(http.requestTimeoutMs),
    ...bodyRules(http.bodyLimitBytes),
  );
  registerErrorHandling(app, logger);
  return { inFlightRequests: traffic.inFlightRequests };
}
