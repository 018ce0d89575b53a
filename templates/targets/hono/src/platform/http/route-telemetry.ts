import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { createMiddleware } from 'hono/factory';
import { matchedRoute } from './route-info.ts';

/**
 * Gives the HTTP server span and the http.server.request.duration metric their `http.route`
 * (the route template, e.g. `/notes/:id`): @opentelemetry/instrumentation-http reads it from the
 * RPC metadata when the response ends and renames the span `GET /notes/:id`. Hono has matched the
 * route before the first middleware runs, so it is known here. Unmatched requests keep the plain
 * `GET` span name and no route label.
 */
export function routeTelemetry() {
  return createMiddleware(async (c, next) => {
    const route = matchedRoute(c);
    const rpc = getRPCMetadata(context.active());
    if (route !== undefined && rpc?.type === RPCType.HTTP) rpc.route = route;
    await next();
  });
}
