import { rateLimiter } from 'hono-rate-limiter';
import { isProbePath } from '../health/probe-paths.ts';
import type { AppEnv } from './app-env.ts';
import type { Forwarded } from './forwarded.ts';
import { HttpError } from './http-error.ts';

/**
 * RATE_LIMIT_RPM requests per minute per client address (fixed one-minute windows, in this
 * process's memory). Answers 429 problem+json with Retry-After and the IETF draft RateLimit-*
 * headers. Several replicas each count separately: for a shared budget give hono-rate-limiter a
 * Redis store, or enforce the limit in the gateway.
 */
export function rateLimit(perMinute: number, origin: Forwarded) {
  return rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => origin.clientAddress(c) ?? 'unknown',
    skip: (c) => isProbePath(c.req.path),
    // Retry-After and RateLimit-* are already on the context; the error handler keeps them.
    handler: () => {
      throw new HttpError(429, 'rate limit exceeded');
    },
  });
}
