import { tracingChannel } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';

/**
 * The fields of Express's `express.router.request` tracing context read here (router ≥ 2.3,
 * published around every middleware and route handler call while someone subscribes).
 */
interface RouterTraceContext {
  readonly req: IncomingMessage & {
    /** The route being dispatched (set by Express once a route matched). */
    readonly route?: { readonly path?: unknown };
    /** Where the current router is mounted, e.g. `/notes`. */
    readonly baseUrl?: string;
  };
  /** The pattern the invoked layer matched, relative to its router, e.g. `/:id`. */
  readonly route?: unknown;
}

const routeTemplates = new WeakMap<IncomingMessage, string>();
let subscribed = false;

/** `/notes` + `/` → `/notes`; `/` + `/livez` → `/livez` (Express ignores trailing slashes). */
export function joinRoute(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** The template of the route that handled `req` (`/notes/:id`), if one matched. */
export function routeTemplate(req: IncomingMessage): string | undefined {
  return routeTemplates.get(req);
}

/**
 * Gives the HTTP server span and the http.server.request.duration metric their `http.route`:
 * @opentelemetry/instrumentation-http reads it from the RPC metadata when the response ends and
 * renames the span `GET /notes/:id`. Express announces each matched route handler on its
 * diagnostics channel, so no instrumentation has to patch it.
 *
 * The template is the mount path plus the route's own path. Mount routers at static paths
 * (module route prefixes are): a parameter in a mount path would appear with its value.
 */
export function enableRouteTelemetry(): void {
  if (subscribed) return; // one process-wide subscription serves every app
  subscribed = true;
  tracingChannel('express.router.request').start.subscribe((message) => {
    const { req, route } = message as RouterTraceContext;
    // A route handler runs with its route in req.route; middleware matched a path of its own.
    if (typeof route !== 'string' || req.route?.path !== route) return;
    const template = joinRoute(req.baseUrl ?? '', route);
    if (routeTemplates.get(req) === template) return; // the route's next handler
    routeTemplates.set(req, template);
    const rpc = getRPCMetadata(context.active());
    if (rpc?.type === RPCType.HTTP) rpc.route = template;
  });
}
