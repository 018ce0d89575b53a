import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { isProbePath } from '../health/probe-paths.ts';
import type { Logger } from '../logger.ts';
import { requestIdFor } from './request-context.ts';
import { routeTemplate } from './route-telemetry.ts';

const startedAt = new WeakMap<ServerResponse, number>();

function accessFields(req: IncomingMessage, res: ServerResponse): Record<string, unknown> {
  // pino-http hands over the Express request it was called with.
  const request = req as Request;
  const elapsedMs = performance.now() - (startedAt.get(res) ?? performance.now());
  return {
    'http.request.method': request.method,
    'url.path': request.originalUrl.split('?', 1)[0],
    'http.route': routeTemplate(request),
    'http.response.status_code': res.statusCode,
    duration_ms: Math.round(elapsedMs * 1000) / 1000,
    'client.address': request.ip,
    'user_agent.original': request.headers['user-agent'] ?? null,
  };
}

/**
 * pino-http, shaped to the contract: one line per request ("request completed") with the
 * semantic-convention keys, probes excluded, `request_id` bound to `req.log`. `url.path` without
 * the query string (tokens live there); no headers, no bodies. trace_id/span_id come from the
 * OpenTelemetry pino instrumentation.
 */
export function accessLog(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    genReqId: requestIdFor,
    customAttributeKeys: { reqId: 'request_id' },
    // `req.log` carries only the request id; the access line lists its own fields.
    quietReqLogger: true,
    quietResLogger: true,
    autoLogging: { ignore: (req) => isProbePath(req.url) },
    customLogLevel: (_req, res, error) => {
      if (error !== undefined || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request completed',
    // The exception itself is logged once, by the error handler ("request failed").
    customSuccessObject: accessFields,
    customErrorObject: accessFields,
  });
  return (req, res, next) => {
    startedAt.set(res, performance.now());
    middleware(req, res, next);
  };
}
