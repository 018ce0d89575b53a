import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { FastifyInstance } from 'fastify';

/**
 * Gives the HTTP server span and the http.server.request.duration metric their `http.route`
 * (the route template, e.g. `/notes/:id`): @opentelemetry/instrumentation-http reads it from
 * the RPC metadata when the response ends and renames the span `GET /notes/:id`. This is the
 * same mechanism @fastify/otel uses, without its extra per-hook spans.
 */
export function registerRouteTelemetry(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    const rpc = getRPCMetadata(context.active());
    if (route !== undefined && rpc?.type === RPCType.HTTP) rpc.route = route;
    done();
  });
}
