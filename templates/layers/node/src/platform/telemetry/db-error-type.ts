import type { Span } from '@opentelemetry/api';

// @opentelemetry/instrumentation-pg records a failed query as an exception event with the text
// "PostgreSQL error of type '<name>' occurred (code: <SQLSTATE>)" and puts `error.type` on the
// duration metric only. Semantic conventions (and the contract) want it on the span too.
const SANITIZED_PG_ERROR = /of type '([^']+)' occurred \(code: ([^)]+)\)/;

export function errorTypeFromPgException(exception: unknown): string | undefined {
  if (typeof exception !== 'string') return undefined;
  const match = SANITIZED_PG_ERROR.exec(exception);
  if (!match) return undefined;
  const [, name, code] = match;
  return code !== undefined && code !== 'UNKNOWN' ? code : name;
}

/** PgInstrumentation `requestHook`: copies the failure's SQLSTATE into `error.type`. */
export function addDbErrorType(span: Span): void {
  const recordException = span.recordException.bind(span);
  span.recordException = (exception, time) => {
    const errorType = errorTypeFromPgException(exception);
    if (errorType !== undefined) span.setAttribute('error.type', errorType);
    recordException(exception, time);
  };
}
