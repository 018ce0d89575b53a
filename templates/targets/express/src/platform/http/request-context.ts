import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

declare global {
  // Express's documented way to add request properties (merged into `express.Request`).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /**
       * Aborts when the response deadline (REQUEST_TIMEOUT_MS) passes or the client disconnects.
       * Pass it to database queries and outbound calls so abandoned work stops.
       */
      deadline: AbortSignal;
    }
  }
}

/** Accepted inbound X-Request-Id values; anything else (too long, spaces, CR/LF) is replaced. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const inbound = request.headers['x-request-id'];
  return typeof inbound === 'string' && REQUEST_ID_PATTERN.test(inbound) ? inbound : randomUUID();
}

export class DeadlineExceededError extends Error {
  constructor(timeoutMs: number) {
    super(`request deadline of ${timeoutMs} ms exceeded`);
    this.name = 'DeadlineExceededError';
  }
}

export class ClientClosedRequestError extends Error {
  constructor() {
    super('client closed the connection before the response was sent');
    this.name = 'ClientClosedRequestError';
  }
}

export class ResponseEndedError extends Error {
  constructor() {
    super('the response was already sent; work still running for it is abandoned');
    this.name = 'ResponseEndedError';
  }
}

/**
 * Echoes the request id and gives every request its deadline. When REQUEST_TIMEOUT_MS passes
 * before a response has started, `onDeadline` answers (504) and `req.deadline` aborts, so the
 * handler's queries and outbound calls stop. Express has no handler timeout of its own.
 */
export function requestContext(
  requestTimeoutMs: number,
  onDeadline: (error: DeadlineExceededError, req: Request, res: Response) => void,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    // pino-http assigned it (requestIdFor, below): always a string.
    res.setHeader('x-request-id', req.id as string);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const error = new DeadlineExceededError(requestTimeoutMs);
      if (!res.headersSent) onDeadline(error, req, res);
      controller.abort(error);
    }, requestTimeoutMs);
    res.once('close', () => {
      clearTimeout(timer);
      // Once the response is over, whatever the handler still runs is abandoned work.
      if (!controller.signal.aborted) {
        controller.abort(
          res.writableFinished ? new ResponseEndedError() : new ClientClosedRequestError(),
        );
      }
    });
    req.deadline = controller.signal;
    next();
  };
}
