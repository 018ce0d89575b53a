import { STATUS_CODES } from 'node:http';
import {
  ApplicationError,
  InvalidInputError,
  UnavailableError,
  type FieldError,
} from '../errors.ts';
import { HttpError } from './http-error.ts';
import { DeadlineExceededError } from './request-context.ts';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** RFC 9457 body. `detail` is only ever a fixed, safe sentence: never an exception message. */
export interface ProblemDetails {
  readonly type: 'about:blank';
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

export interface ProblemResponse {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;
  /** How loudly the error handler logs it: client mistakes are in the access log already. */
  readonly log: 'none' | 'warn' | 'error';
}

/** What Express, its router and the http-errors family attach to client errors. */
interface StatusError {
  readonly status?: unknown;
  readonly statusCode?: unknown;
}

function problem(
  status: number,
  extra: Omit<ProblemDetails, 'type' | 'title' | 'status'> = {},
): ProblemDetails {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, ...extra };
}

function applicationProblem(error: ApplicationError): ProblemResponse {
  switch (error.kind) {
    case 'not-found':
      return { problem: problem(404, { detail: error.message }), headers: {}, log: 'none' };
    case 'conflict':
      return { problem: problem(409, { detail: error.message }), headers: {}, log: 'none' };
    case 'invalid': {
      const fieldErrors = error instanceof InvalidInputError ? error.fieldErrors : [];
      return {
        problem: problem(422, { detail: error.message, errors: fieldErrors }),
        headers: {},
        log: 'none',
      };
    }
    case 'unavailable': {
      const retryAfter = error instanceof UnavailableError ? error.retryAfterSeconds : 1;
      return {
        problem: problem(503, { detail: 'A dependency is temporarily unavailable; retry later.' }),
        headers: { 'retry-after': String(retryAfter) },
        log: 'warn',
      };
    }
    case 'timeout':
      return {
        problem: problem(504, { detail: 'A dependency did not answer in time.' }),
        headers: {},
        log: 'warn',
      };
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as StatusError;
  const value = statusCode ?? status;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Maps anything a handler or middleware threw to the response the client gets. Pure and total. */
export function toProblem(error: unknown): ProblemResponse {
  if (error instanceof ApplicationError) return applicationProblem(error);
  if (error instanceof DeadlineExceededError) {
    return {
      problem: problem(504, { detail: 'The request did not complete within its deadline.' }),
      headers: {},
      log: 'warn',
    };
  }

  const status = statusOf(error);
  const headers = error instanceof HttpError ? error.headers : {};
  if (status !== undefined && status >= 400 && status < 500) {
    // Only the platform's own errors (HttpError) carry a sentence written for clients; messages of
    // other libraries' client errors can quote the request (a path parameter, a body).
    let detail: string | undefined;
    if (error instanceof HttpError) detail = error.message;
    // body-parser (express.json(), if a route mounts it) reports malformed JSON this way.
    else if (error instanceof SyntaxError) detail = 'The request body is not valid JSON.';
    return {
      problem: problem(status, detail === undefined ? {} : { detail }),
      headers,
      log: 'none',
    };
  }
  if (status === 503 && error instanceof HttpError) {
    // Load shedding and shutdown (traffic control): expected under overload.
    return {
      problem: problem(503, { detail: 'The service is overloaded or restarting; retry later.' }),
      headers,
      log: 'none',
    };
  }
  return { problem: problem(500), headers: {}, log: 'error' };
}
