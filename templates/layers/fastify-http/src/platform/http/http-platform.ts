import type { FastifyInstance } from 'fastify';
import type { HttpConfig } from '../config.ts';
import type { Lifecycle } from '../lifecycle.ts';
import { registerErrorHandling } from './error-handling.ts';
import { registerRequestContext } from './request-context.ts';
import { registerRouteTelemetry } from './route-telemetry.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerTrafficControl } from './traffic-control.ts';
import { configureValidation } from './validation.ts';

/**
 * The production defaults every route gets, in hook order: route name on the span, request id
 * and deadline, security headers, then traffic control (shutdown, concurrency cap, pressure,
 * rate limit). Must run before any route is registered.
 */
export async function registerHttpPlatform(
  app: FastifyInstance,
  http: HttpConfig,
  lifecycle: Lifecycle,
): Promise<void> {
  // Only JSON bodies: Fastify's built-in text/plain parser would accept what the API never reads.
  app.removeContentTypeParser('text/plain');
  configureValidation(app);
  registerErrorHandling(app);
  registerRouteTelemetry(app);
  registerRequestContext(app, http.requestTimeoutMs);
  await registerSecurityHeaders(app, http.corsAllowedOrigins);
  await registerTrafficControl(app, http, lifecycle);
}
