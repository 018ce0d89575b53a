import { STATUS_CODES } from 'node:http';
import {
  ApplicationError,
  InvalidInputError,
  UnavailableError,
  type FieldError,
} from '../errors.ts';
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

interface AjvError {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: { readonly missingProperty?: string; readonly additionalProperty?: string };
}

interface FrameworkError {
  readonly code?: string;
  readonly statusCode?: number;
  readonly validation?: readonly AjvError[];
  readonly validationContext?: string;
}

// Fixed wording for the framework's client errors: its messages can quote the request body.
const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the request body as application/json.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body exceeds the size limit.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The JSON request body is empty.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the request body.',
  FST_ERR_HANDLER_TIMEOUT: 'The request did not complete within its deadline.',
};

function problem(
  status: number,
  extra: Omit<ProblemDetails, 'type' | 'title' | 'status'> = {},
): ProblemDetails {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, ...extra };
}

function validationErrors(error: FrameworkError): FieldError[] {
  return (error.validation ?? []).map((issue) => {
    // Point at the offending property itself, not at the object that lacks or has it.
    const property = issue.params?.missingProperty ?? issue.params?.additionalProperty;
    return {
      location: error.validationContext ?? 'body',
      pointer: `${issue.instancePath ?? ''}${property === undefined ? '' : `/${property}`}` || '/',
      message: issue.message ?? 'is invalid',
    };
  });
}

/** Maps anything a handler or hook threw to the response the client gets. Pure and total. */
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

  const framework = (typeof error === 'object' && error !== null ? error : {}) as FrameworkError;
  if (framework.validation !== undefined) {
    return {
      problem: problem(422, {
        detail: 'The request does not match the schema.',
        errors: validationErrors(framework),
      }),
      headers: {},
      log: 'none',
    };
  }
  if (framework.code === 'FST_ERR_HANDLER_TIMEOUT') {
    return {
      problem: problem(504, { detail: FRAMEWORK_DETAILS[framework.code] }),
      headers: {},
      log: 'warn',
    };
  }

  const status = framework.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const detail =
      FRAMEWORK_DETAILS[framework.code ?? ''] ??
      (error instanceof SyntaxError ? 'The request body is not valid JSON.' : undefined);
    return {
      problem: problem(status, detail === undefined ? {} : { detail }),
      headers: error instanceof HttpError ? error.headers : {},
      log: 'none',
    };
  }
  if (status === 503) {
    // Load shedding (traffic control, @fastify/under-pressure): expected under overload.
    return {
      problem: problem(503, { detail: 'The service is overloaded or restarting; retry later.' }),
      headers: error instanceof HttpError ? error.headers : {},
      log: 'none',
    };
  }
  return { problem: problem(500), headers: {}, log: 'error' };
}
