import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { isProbePath } from '../health/probe-paths.ts';

/**
 * Fastify's request logging, replaced by one contract-shaped line per request
 * ("request completed"), probes excluded. `url.path` without the query string (tokens live
 * there); no headers, no bodies. request_id comes from the request logger's bindings,
 * trace_id/span_id from the OpenTelemetry pino instrumentation.
 */
export class AccessLogController extends LogController {
  constructor() {
    super({
      requestIdLogLabel: 'request_id',
      disableRequestLogging: (request) => isProbePath(request.url),
    });
  }

  // The completion line carries everything; an extra "incoming request" line would double volume.
  override incomingRequest(): void {}

  // Unknown routes get a regular access-log line with status 404.
  override routeNotFound(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const status = reply.statusCode;
    const fields = {
      'http.request.method': request.method,
      'url.path': request.url.split('?', 1)[0],
      'http.route': request.routeOptions.url,
      'http.response.status_code': status,
      duration_ms: Math.round(reply.elapsedTime * 1000) / 1000,
      'client.address': request.ip,
      'user_agent.original': request.headers['user-agent'] ?? null,
      ...(error ? { err: error } : {}),
    };
    if (status >= 500 || error) request.log.error(fields, 'request completed');
    else if (status >= 400) request.log.warn(fields, 'request completed');
    else request.log.info(fields, 'request completed');
  }
}
