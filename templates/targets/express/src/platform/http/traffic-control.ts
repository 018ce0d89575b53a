import { getHeapStatistics } from 'node:v8';
import { metrics } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import onHeaders from 'on-headers';
import type { HttpConfig } from '../config.ts';
import { isProbePath } from '../health/probe-paths.ts';
import type { Lifecycle } from '../lifecycle.ts';
import type { Logger } from '../logger.ts';
import { HttpError } from './http-error.ts';
import { monitorProcessPressure } from './process-pressure.ts';

/** Seconds a shed client should wait before retrying (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

const KNOWN_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'CONNECT',
  'TRACE',
]);

export interface TrafficControl {
  readonly handlers: RequestHandler[];
  /** Requests being handled right now (probes excluded); reported by a forced shutdown. */
  inFlightRequests(): number;
  /** Stops the process-pressure sampler (on server close). */
  stop(): void;
}

function shed(reason: string): HttpError {
  return new HttpError(503, reason, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}

/**
 * Refuses work the process cannot finish well, cheapest check first, all answering 503/429 with
 * Retry-After before any handler runs. Probes are exempt from every rule: overload must never
 * fail liveness (Kubernetes would restart a busy pod and make things worse).
 */
export function trafficControl(
  http: HttpConfig,
  lifecycle: Lifecycle,
  logger: Logger,
): TrafficControl {
  // 1. Shutdown: after SIGTERM every response (in-flight ones too) asks the client to reconnect
  //    elsewhere; once the listener is closed, requests still arriving on open keep-alive
  //    connections are refused.
  const shutdown: RequestHandler = (req, res, next) => {
    onHeaders(res, () => {
      if (lifecycle.phase !== 'serving') res.setHeader('connection', 'close');
    });
    if (lifecycle.phase === 'closing' && !isProbePath(req.url)) {
      return next(shed('The service is shutting down.'));
    }
    next();
  };

  // 2. Concurrency cap: past MAX_CONCURRENT_REQUESTS, queueing only adds latency for everyone.
  let inFlight = 0;
  const activeRequests = metrics
    .getMeter('http-server')
    .createUpDownCounter('http.server.active_requests', {
      unit: '{request}',
      description: 'Number of active HTTP server requests.',
    });
  const concurrency: RequestHandler = (req, res, next) => {
    if (isProbePath(req.url)) return next();
    if (inFlight >= http.maxConcurrentRequests) {
      return next(shed('The service is at capacity.'));
    }
    inFlight += 1;
    const attributes = {
      'http.request.method': KNOWN_METHODS.has(req.method) ? req.method : '_OTHER',
      'url.scheme': req.protocol,
    };
    activeRequests.add(1, attributes);
    res.once('close', () => {
      inFlight -= 1;
      activeRequests.add(-1, attributes);
    });
    next();
  };

  // 3. Process health: event-loop lag or a heap close to the V8 limit.
  const pressure = monitorProcessPressure({
    maxEventLoopDelayMs: 1000,
    maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.95),
  });
  const processHealth: RequestHandler = (req, _res, next) => {
    const reason = isProbePath(req.url) ? undefined : pressure.overloaded();
    if (reason !== undefined) return next(shed(`The service is overloaded (${reason}).`));
    next();
  };

  const handlers = [shutdown, concurrency, processHealth];

  // 4. Per-client rate limit, opt-in: global limits belong in the gateway. Clients are told by
  //    `req.ip`, which honours TRUST_PROXY_HOPS.
  if (http.rateLimitPerMinute > 0) {
    handlers.push(
      rateLimit({
        windowMs: 60_000,
        limit: http.rateLimitPerMinute,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        skip: (req) => isProbePath(req.url),
        handler: (_req, _res, next) => next(new HttpError(429, 'Rate limit exceeded.')),
        // Its configuration warnings go to the JSON log, not to stderr. X-Forwarded-For without
        // trusted proxies is this service's deliberate default, not a misconfiguration.
        logger,
        validate: { xForwardedForHeader: false, forwardedHeader: false },
      }),
    );
  }

  return { handlers, inFlightRequests: () => inFlight, stop: () => pressure.stop() };
}
