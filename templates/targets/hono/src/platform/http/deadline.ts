import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.ts';

export class DeadlineExceededError extends Error {
  constructor(timeoutMs: number) {
    super(`request deadline of ${timeoutMs} ms exceeded`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * The response deadline: after `timeoutMs` the request is answered 504 (the error handler maps
 * DeadlineExceededError) and its `deadline` signal aborts, which cancels the database queries and
 * outbound calls it was given to. The signal also aborts when the client disconnects
 * (@hono/node-server aborts the request's own signal then).
 */
export function deadline(timeoutMs: number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const timer = new AbortController();
    const expiry = setTimeout(() => timer.abort(new DeadlineExceededError(timeoutMs)), timeoutMs);
    c.set('deadline', AbortSignal.any([timer.signal, c.req.raw.signal]));
    const expired = new Promise<never>((_, reject) => {
      timer.signal.addEventListener('abort', () => reject(timer.signal.reason as Error), {
        once: true,
      });
    });
    const work = next();
    // Once the deadline has answered, whatever the handler still does ends on its aborted signal;
    // Hono ignores a late result, and the error handler logs late failures at debug level.
    work.catch(() => undefined);
    try {
      await Promise.race([work, expired]);
    } finally {
      clearTimeout(expiry);
    }
  });
}
