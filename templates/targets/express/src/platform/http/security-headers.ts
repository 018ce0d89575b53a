import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';

/**
 * OWASP REST Security Cheat Sheet headers for an API, on every response (errors included):
 * helmet's defaults (nosniff, no referrer, no cross-origin embedding, no X-Powered-By) with a CSP
 * that loads nothing, framing denied and no caching. HSTS only on HTTPS requests (RFC 6797
 * §7.2); behind a TLS-terminating proxy that means a trusted X-Forwarded-Proto
 * (TRUST_PROXY_HOPS > 0), which Express's `req.secure` honours.
 */
export function securityHeaders(corsAllowedOrigins: readonly string[]): RequestHandler[] {
  const hsts = strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  const handlers: RequestHandler[] = [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      xFrameOptions: { action: 'deny' },
      strictTransportSecurity: false,
    }),
    (req, res, next) => {
      res.setHeader('cache-control', 'no-store');
      if (req.secure) return hsts(req, res, next);
      next();
    },
  ];
  // CORS stays off unless origins are listed: browsers then refuse cross-origin calls.
  if (corsAllowedOrigins.length > 0) {
    handlers.push(
      cors({
        origin: [...corsAllowedOrigins],
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        exposedHeaders: ['x-request-id', 'retry-after'],
        credentials: false,
        maxAge: 600,
      }),
    );
  }
  return handlers;
}
