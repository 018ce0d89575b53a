import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ApplicationError,
  InvalidInputError,
  UnavailableError,
  type FieldError,
} from '../errors.ts';
import { DeadlineExceededError } from './deadline.ts';
import { HttpError } from './http-error.ts';

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

// The statuses this service produces (no node:http import: the module also runs at the edge).
const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

// Fixed wording for the client errors the platform raises; framework messages can quote input.
const CLIENT_ERROR_DETAILS: Readonly<Record<number, string>> = {
  413: 'The request body exceeds the size limit.',
  415: 'Send the request body as application/json.',
  429: 'Too many requests from this client; retry after Retry-After seconds.',
};

export function problem(
  status: number,
  extra: Omit<ProblemDetails, 'type' | 'title' | 'status'> = {},
): ProblemDetails {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...extra };
}

/** The response for a problem, with the request id member (C58) and any extra headers. */
export function problemResponse(
  c: Context,
  details: ProblemDetails,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const requestId: unknown = c.get('requestId');
  const body = { ...details, ...(typeof requestId === 'string' ? { request_id: requestId } : {}) };
  return c.body(JSON.stringify(body), details.status as ContentfulStatusCode, {
    ...headers,
    'content-type': PROBLEM_MEDIA_TYPE,
  });
}

function clientError(status: number, headers: Readonly<Record<string, string>>): ProblemResponse {
  const detail = CLIENT_ERROR_DETAILS[status];
  return { problem: problem(status, detail === undefined ? {} : { detail }), headers, log: 'none' };
}

/** Maps anything a handler or middleware threw to the response the client gets. Pure and total. */
export function toProblem(error: unknown): ProblemResponse {
  if (error instanceof ApplicationError) {
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
          problem: problem(503, {
            detail: 'A dependency is temporarily unavailable; retry later.',
          }),
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
  if (error instanceof DeadlineExceededError) {
    return {
      problem: problem(504, { detail: 'The request did not complete within its deadline.' }),
      headers: {},
      log: 'warn',
    };
  }
  if (error instanceof HttpError) {
    if (error.statusCode >= 400 && error.statusCode < 500) {
      return clientError(error.statusCode, error.headers);
    }
    if (error.statusCode === 503) {
      // Load shedding and shutdown (traffic control): expected under overload.
      return {
        problem: problem(503, { detail: 'The service is overloaded or restarting; retry later.' }),
        headers: error.headers,
        log: 'none',
      };
    }
  }
  // Hono's own client errors: its validators raise 400 for a JSON body that does not parse.
  if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    if (error.status === 400) {
      return {
        problem: problem(400, { detail: 'The request body is not valid JSON.' }),
        headers: {},
        log: 'none',
      };
    }
    return clientError(error.status, {});
  }
  return { problem: problem(500), headers: {}, log: 'error' };
}

/** The problem+json response for an error, without logging (for refusals that are expected). */
export function errorResponse(c: Context, error: unknown): Response {
  const { problem: details, headers } = toProblem(error);
  return problemResponse(c, details, headers);
}
