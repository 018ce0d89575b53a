/**
 * Errors that business code may throw. They carry an HTTP-agnostic meaning; the HTTP layer
 * (platform/http/problem-details.ts) maps them to status codes, so modules never import the HTTP framework
 * to report "not found" or "invalid".
 */

export interface FieldError {
  /** Which part of the request: `body` (default), `querystring`, `params` or `headers`. */
  readonly location?: string;
  /** JSON pointer into that part, e.g. `/title`. */
  readonly pointer: string;
  readonly message: string;
}

/** Base class: `message` of these errors is safe to show to API clients. */
export abstract class ApplicationError extends Error {
  abstract readonly kind: 'not-found' | 'conflict' | 'invalid' | 'unavailable' | 'timeout';
}

export class NotFoundError extends ApplicationError {
  readonly kind = 'not-found';
}

export class ConflictError extends ApplicationError {
  readonly kind = 'conflict';
}

/** The request is well-formed but breaks a business rule or a schema (HTTP 422). */
export class InvalidInputError extends ApplicationError {
  readonly kind = 'invalid';
  readonly fieldErrors: readonly FieldError[];

  constructor(message: string, fieldErrors: readonly FieldError[] = []) {
    super(message);
    this.fieldErrors = fieldErrors;
  }
}

/** A dependency (or this service) is down or saturated; the caller may retry later (HTTP 503). */
export class UnavailableError extends ApplicationError {
  readonly kind = 'unavailable';
  readonly retryAfterSeconds: number;

  constructor(message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
  }
}

/** A dependency did not answer within its deadline (HTTP 504). */
export class DependencyTimeoutError extends ApplicationError {
  readonly kind = 'timeout';
}
