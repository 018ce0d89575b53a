import type { HonoRequest, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { HttpError } from './http-error.ts';
import { matchedRoute } from './route-info.ts';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;

/** Over HTTP/1.1 a body is announced by its headers; an in-memory Request may only carry one. */
function hasBody(request: HonoRequest): boolean {
  if (request.header('transfer-encoding') !== undefined) return true;
  const length = request.header('content-length');
  return length === undefined ? request.raw.body !== null : length !== '0';
}

/**
 * Request bodies, for routes that exist (unknown paths get their 404 first):
 * - JSON only: any other media type is refused with 415 before the body is read;
 * - at most BODY_LIMIT_BYTES: 413 as soon as the limit is crossed, from Content-Length up front
 *   or while a chunked body streams in. hono/body-limit reads a chunked body to its end (or to the
 *   limit) before the handler runs, so a handler never works on an oversize body.
 * Malformed JSON is answered 400 when a route's validator parses the body.
 */
export function bodyRules(limitBytes: number): MiddlewareHandler[] {
  const limit = bodyLimit({
    maxSize: limitBytes,
    onError: () => {
      throw new HttpError(413, 'request body over the limit');
    },
  });
  return [
    createMiddleware(async (c, next) => {
      if (matchedRoute(c) === undefined || !hasBody(c.req)) return next();
      const mediaType = c.req.header('content-type')?.split(';', 1)[0]?.trim() ?? '';
      if (!JSON_MEDIA_TYPE.test(mediaType)) throw new HttpError(415, 'unsupported media type');
      return limit(c, next);
    }),
  ];
}
