import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * OWASP REST Security Cheat Sheet headers for an API, on every response (errors included):
 * nosniff, no framing, no referrer, no caching, a CSP that loads nothing. HSTS only on HTTPS
 * requests (RFC 6797 §7.2); behind a TLS-terminating proxy that means a trusted
 * X-Forwarded-Proto (TRUST_PROXY_HOPS > 0), which Fastify's `request.protocol` honours.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  corsAllowedOrigins: readonly string[],
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('cache-control', 'no-store');
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done();
  });

  // CORS stays off unless origins are listed: browsers then refuse cross-origin calls.
  if (corsAllowedOrigins.length > 0) {
    await app.register(cors, {
      origin: [...corsAllowedOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      credentials: false,
      maxAge: 600,
      strictPreflight: true,
    });
  }
}
