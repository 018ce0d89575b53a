import type { Request, RequestHandler } from 'express';
import getRawBody from 'raw-body';
import secureJson from 'secure-json-parse';
import { HttpError } from './http-error.ts';

interface RawBodyError {
  readonly type?: string;
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Reading failures as the client should see them; `undefined` for anything unexpected. */
function readFailure(error: unknown): HttpError | undefined {
  switch ((error as RawBodyError).type) {
    case 'entity.too.large':
      return new HttpError(413, 'The request body exceeds the size limit.');
    case 'request.size.invalid':
      return new HttpError(400, 'Content-Length does not match the request body.');
    case 'request.aborted':
      return new HttpError(400, 'The request body was not received completely.');
    default:
      return undefined;
  }
}

/**
 * The API's only body parser: JSON, at most `limitBytes` (Content-Length and chunked bodies
 * alike), into `req.body`. Used instead of `express.json()` because body-parser reads an
 * oversize body to its end before answering 413 (so a client trickling a huge upload holds the
 * request open for as long as it likes); this one answers as soon as the limit is crossed, and
 * the error handler closes the connection instead of reading the rest. It also refuses what the
 * API never reads: other media types (415), compressed bodies (415) and prototype-poisoning keys
 * (400).
 */
export function jsonBody(limitBytes: number): RequestHandler {
  return async (req, _res, next) => {
    if (!hasBody(req)) return next();
    if (req.is('application/json') === false) {
      return next(new HttpError(415, 'Send the request body as application/json.'));
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      return next(new HttpError(415, 'Send the request body uncompressed.'));
    }
    let text: string;
    try {
      text = await getRawBody(req, {
        length: req.headers['content-length'],
        limit: limitBytes,
        encoding: 'utf8',
      });
    } catch (error) {
      return next(readFailure(error) ?? error);
    }
    try {
      req.body = secureJson.parse(text, undefined, {
        protoAction: 'error',
        constructorAction: 'error',
      }) as unknown;
    } catch {
      return next(new HttpError(400, 'The request body is not valid JSON.'));
    }
    next();
  };
}
