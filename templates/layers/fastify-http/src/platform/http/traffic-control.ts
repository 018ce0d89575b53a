import { getHeapStatistics } from 'node:v8';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import { metrics } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import type { HttpConfig } from '../config.ts';
import { isProbePath } from '../health/probe-paths.ts';
import type { Lifecycle } from '../lifecycle.ts';
import { HttpError } from './http-error.ts';

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

declare module 'fastify' {
  interface FastifyInstance {
    /** Requests being handled right now (probes excluded); reported by a forced shutdown. */
    inFlightRequests(): number;
  }
}

/**
 * Refuses work the process cannot finish well, cheapest check first, all answering 503/429 with
 * Retry-After before any handler runs. Probes are exempt from every rule: overload must never
 * fail liveness (Kubernetes would restart a busy pod and make things worse).
 */
export async function registerTrafficControl(
  app: FastifyInstance,
  http: HttpConfig,
  lifecycle: Lifecycle,
): Promise<void> {
  // 1. Shutdown: after SIGTERM every response (in-flight ones too) asks the client to reconnect
  //    elsewhere; once the listener is closed, requests still arriving on open keep-alive
  //    connections are refused.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (lifecycle.phase !== 'serving') reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onRequest', (request, _reply, done) => {
    if (lifecycle.phase === 'closing' && !isProbePath(request.url)) {
      return done(
        new HttpError(503, 'the service is shutting down', {
          'retry-after': String(RETRY_AFTER_SECONDS),
        }),
      );
    }
    done();
  });

  // 2. Concurrency cap: past MAX_CONCURRENT_REQUESTS, queueing only adds latency for everyone.
  let inFlight = 0;
  const activeRequests = metrics
    .getMeter('http-server')
    .createUpDownCounter('http.server.active_requests', {
      unit: '{request}',
      description: 'Number of active HTTP server requests.',
    });
  app.decorate('inFlightRequests', () => inFlight);
  app.addHook('onRequest', (request, reply, done) => {
    if (isProbePath(request.url)) return done();
    if (inFlight >= http.maxConcurrentRequests) {
      return done(
        new HttpError(503, 'the service is at capacity', {
          'retry-after': String(RETRY_AFTER_SECONDS),
        }),
      );
    }
    inFlight += 1;
    const attributes = {
      'http.request.method': KNOWN_METHODS.has(request.method) ? request.method : '_OTHER',
      'url.scheme': request.protocol,
    };
    activeRequests.add(1, attributes);
    reply.raw.once('close', () => {
      inFlight -= 1;
      activeRequests.add(-1, attributes);
    });
    done();
  });

  // 3. Process health, sampled every second: event-loop lag (requests would wait that long before
  //    any of their code runs) or a heap close to the V8 limit (past it the process crashes).
  //    Event-loop *utilisation* is deliberately not used: a busy but healthy server sits near
  //    100 %, and shedding on it would turn sustained load into refusing almost everything.
  await app.register(underPressure, {
    maxEventLoopDelay: 1000,
    maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.95),
    retryAfter: RETRY_AFTER_SECONDS,
  });

  // 4. Per-client rate limit, opt-in: global limits belong in the gateway.
  if (http.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: http.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: (request) => isProbePath(request.url),
      enableDraftSpec: true,
      errorResponseBuilder: (_request, context) =>
        new HttpError(context.statusCode, `rate limit exceeded, retry in ${context.after}`),
    });
  }
}
