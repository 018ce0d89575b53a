import type { ErrorRequestHandler, Express, Request, Response } from 'express';
import { HttpError } from './http-error.ts';
import { registerMethodNotAllowed } from './method-not-allowed.ts';
import { PROBLEM_MEDIA_TYPE, toProblem, type ProblemResponse } from './problem-details.ts';

function sendProblem(req: Request, res: Response, { problem, headers }: ProblemResponse): void {
  // A request body nobody read is still on the connection: close it instead of reading it.
  if (!req.complete) res.setHeader('connection', 'close');
  res
    .status(problem.status)
    .set(headers)
    .type(PROBLEM_MEDIA_TYPE)
    .json({ ...problem, request_id: req.id });
}

/**
 * Answers `error` as RFC 9457 problem+json without internals (no stack, SQL, class names or
 * versions); the log line keeps the full exception. Also used by the request deadline.
 */
export function respondWithError(error: unknown, req: Request, res: Response): void {
  if (res.headersSent) {
    // The deadline answered already (the handler failed as it noticed), or a response broke off
    // half-way: nothing can be sent any more.
    req.log[req.deadline.aborted ? 'debug' : 'warn'](
      { err: error },
      'error after the response started',
    );
    if (!res.writableEnded) res.destroy();
    return;
  }
  const response = toProblem(error);
  if (response.log === 'error') req.log.error({ err: error }, 'request failed');
  if (response.log === 'warn')
    req.log.warn({ err: error }, response.problem.detail ?? response.problem.title);
  sendProblem(req, res, response);
}

/**
 * Must run after every route is registered. Known paths with another method get 405 + Allow,
 * unknown paths 404, and every error goes through `respondWithError`. Express's default handler
 * is never reached: it writes to stderr.
 */
export function registerErrorHandling(app: Express): void {
  registerMethodNotAllowed(app);
  app.use((_req, _res, next) => next(new HttpError(404, 'No resource at this path.')));

  // Express recognises error handlers by their four parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
    respondWithError(error, req, res);
  };
  app.use(errorHandler);
}
