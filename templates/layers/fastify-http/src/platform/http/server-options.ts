import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { HttpConfig } from '../config.ts';
import { AccessLogController } from './access-log.ts';

/** Accepted inbound X-Request-Id values; anything else (too long, spaces, CR/LF) is replaced. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const inbound = request.headers['x-request-id'];
  return typeof inbound === 'string' && REQUEST_ID_PATTERN.test(inbound) ? inbound : randomUUID();
}

/** Fastify and Node HTTP server settings: limits and timeouts are explicit, never defaults. */
export function serverOptions(http: HttpConfig): FastifyHttpOptions<Server> {
  return {
    // One access-log line per request with the contract's keys, `request_id` on every line.
    logController: new AccessLogController(),
    requestIdHeader: false,
    genReqId: requestIdFor,
    // Trust the nearest TRUST_PROXY_HOPS peers (ingress, load balancer) for X-Forwarded-*. Fastify
    // 5.12 ignores a plain number (a direct client could spoof the header); pods are reached only
    // through the ingress, which is the deployment this setting describes. Prefer a CIDR list if
    // the proxies' addresses are known.
    trustProxy:
      http.trustProxyHops > 0
        ? (_address: string, hop: number) => hop < http.trustProxyHops
        : false,
    bodyLimit: http.bodyLimitBytes,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    // Socket level: the whole request (headers + body) must arrive in time, which also ends slow
    // uploads. Node requires it to be at least the headers timeout.
    requestTimeout: Math.max(http.requestTimeoutMs, http.headersTimeoutMs),
    // Application level: the response deadline (answered 504 by the error handler).
    handlerTimeout: http.requestTimeoutMs,
    // Shutdown answers with problem+json from the traffic-control hook instead of Fastify's text.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    http: {
      headersTimeout: http.headersTimeoutMs,
      maxHeaderSize: http.maxHeaderBytes,
      // Node checks header/request timeouts on this interval (default 30 s): without a shorter
      // one, a slowloris connection could outlive HEADERS_TIMEOUT_MS by half a minute.
      connectionsCheckingInterval: 1000,
    },
  };
}
