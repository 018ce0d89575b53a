import { createMiddleware } from 'hono/factory';
import type { AppEnv, RequestLogger } from './app-env.ts';

/** Accepted inbound X-Request-Id values; anything else (too long, spaces, CR/LF) is replaced. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

export function requestIdFor(inbound: string | undefined): string {
  return inbound !== undefined && REQUEST_ID_PATTERN.test(inbound) ? inbound : crypto.randomUUID();
}

/**
 * Gives every request its id and a logger bound to it, and echoes the id in X-Request-Id.
 * (hono/request-id accepts `=` and refuses `.`, which differs from the contract's pattern.)
 */
export function requestId(logger: RequestLogger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const id = requestIdFor(c.req.header('x-request-id'));
    c.set('requestId', id);
    c.set('logger', logger.child({ request_id: id }));
    await next();
    c.res.headers.set('x-request-id', id);
  });
}
