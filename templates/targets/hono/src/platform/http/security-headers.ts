import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { Forwarded } from './forwarded.ts';

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * OWASP REST Security Cheat Sheet headers for an API, on every response (errors included):
 * nosniff, no framing, no referrer, no caching, a CSP that loads nothing, no X-Powered-By.
 * hono/secure-headers sets them after the handler, so error responses get them too. HSTS only on
 * HTTPS requests (RFC 6797 §7.2); behind a TLS-terminating proxy that means a trusted
 * X-Forwarded-Proto (TRUST_PROXY_HOPS > 0).
 */
export function securityHeaders(origin: Forwarded): MiddlewareHandler[] {
  return [
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      xFrameOptions: 'DENY',
      strictTransportSecurity: false,
    }),
    createMiddleware(async (c, next) => {
      await next();
      if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
      if (origin.scheme(c) === 'https') c.res.headers.set('strict-transport-security', HSTS);
    }),
  ];
}

/** CORS stays off unless origins are listed: browsers then refuse cross-origin calls. */
export function corsPolicy(allowedOrigins: readonly string[]): MiddlewareHandler[] {
  if (allowedOrigins.length === 0) return [];
  return [
    cors({
      origin: [...allowedOrigins],
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposeHeaders: ['x-request-id', 'retry-after'],
      credentials: false,
      maxAge: 600,
    }),
  ];
}
