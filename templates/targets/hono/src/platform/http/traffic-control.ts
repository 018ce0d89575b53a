import { metrics } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { HttpConfig } from '../config.ts';
import { isProbePath } from '../health/probe-paths.ts';
import type { Lifecycle } from '../lifecycle.ts';
import type { AppEnv } from './app-env.ts';
import type { Forwarded } from './forwarded.ts';
import { HttpError } from './http-error.ts';
import type { PressureGauge } from './process-pressure.ts';
import { errorResponse } from './problem-details.ts';
import { rateLimit } from './rate-limit.ts';

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

function shed(reason: string): HttpError {
  return new HttpError(503, reason, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}

export interface TrafficControl {
  readonly middleware: MiddlewareHandler<AppEnv>[];
  /** Requests being handled right now (probes excluded); reported by a forced shutdown. */
  readonly inFlightRequests: () => number;
}

/**
 * Refuses work the process cannot finish well, cheapest check first, all answering 503/429 with
 * Retry-After before any handler runs. Probes are exempt from every rule: overload must never
 * fail liveness (Kubernetes would restart a busy pod and make things worse). `pressure` is left
 * out where one process does not serve many requests at once (AWS Lambda).
 */
export function trafficControl(input: {
  http: HttpConfig;
  lifecycle: Lifecycle;
  origin: Forwarded;
  pressure: PressureGauge | undefined;
}): TrafficControl {
  const { http, lifecycle, origin, pressure } = input;

  // 1. Shutdown: after SIGTERM every response (in-flight ones too) asks the client to reconnect
  //    elsewhere; once the listener is closed, requests still arriving on open keep-alive
  //    connections are refused.
  const shutdownGate = createMiddleware<AppEnv>(async (c, next) => {
    if (lifecycle.phase === 'closing' && !isProbePath(c.req.path)) {
      c.res = errorResponse(c, shed('the service is shutting down'));
    } else {
      await next();
    }
    if (lifecycle.phase !== 'serving') c.res.headers.set('connection', 'close');
  });

  // 2. Concurrency cap: past MAX_CONCURRENT_REQUESTS, queueing only adds latency for everyone.
  // 3. Process health: an event loop that lags or a heap near its limit answers everyone late.
  let inFlight = 0;
  const activeRequests = metrics
    .getMeter('http-server')
    .createUpDownCounter('http.server.active_requests', {
      unit: '{request}',
      description: 'Number of active HTTP server requests.',
    });
  const admission = createMiddleware<AppEnv>(async (c, next) => {
    if (isProbePath(c.req.path)) return next();
    if (inFlight >= http.maxConcurrentRequests) throw shed('the service is at capacity');
    if (pressure?.overloaded()) throw shed('the process is under pressure');
    inFlight += 1;
    const attributes = {
      'http.request.method': KNOWN_METHODS.has(c.req.method) ? c.req.method : '_OTHER',
      'url.scheme': origin.scheme(c),
    };
    activeRequests.add(1, attributes);
    try {
      await next();
    } finally {
      inFlight -= 1;
      activeRequests.add(-1, attributes);
    }
  });

  // 4. Per-client rate limit, opt-in: global limits belong in the gateway.
  const limiter = http.rateLimitPerMinute > 0 ? [rateLimit(http.rateLimitPerMinute, origin)] : [];

  return {
    middleware: [shutdownGate, admission, ...limiter],
    inFlightRequests: () => inFlight,
  };
}
