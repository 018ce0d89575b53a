import type { Provider } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { HttpConfig } from '../config.ts';
import type { Lifecycle } from '../lifecycle.ts';
import { ProblemDetailsFilter, trackAllowedMethods } from './error-handling.ts';
import { registerRequestContext } from './request-context.ts';
import { registerRouteTelemetry } from './route-telemetry.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerTrafficControl } from './traffic-control.ts';
import { RequestValidationPipe } from './validation.ts';

/**
 * The production defaults every route gets. On the Fastify instance under Nest, in hook order:
 * route name on the span, request id and deadline, security headers, then traffic control
 * (shutdown, concurrency cap, pressure, rate limit); these hooks run before Nest's middleware,
 * guards and pipes. Must run before Nest registers its routes (`app.init()`).
 *
 * Returns the Nest half, for the root module: the exception filter that answers every error
 * as problem+json and the pipe that validates `{ schema }` parameters.
 */
export async function registerHttpPlatform(
  app: FastifyInstance,
  http: HttpConfig,
  lifecycle: Lifecycle,
): Promise<Provider[]> {
  // Only JSON bodies: Fastify's built-in text/plain parser would accept what the API never reads.
  app.removeContentTypeParser('text/plain');
  const allowedMethods = trackAllowedMethods(app);
  registerRouteTelemetry(app);
  registerRequestContext(app, http.requestTimeoutMs);
  await registerSecurityHeaders(app, http.corsAllowedOrigins);
  await registerTrafficControl(app, http, lifecycle);
  return [
    { provide: APP_FILTER, useValue: new ProblemDetailsFilter(allowedMethods) },
    { provide: APP_PIPE, useValue: new RequestValidationPipe() },
  ];
}
