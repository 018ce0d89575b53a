import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { LogLevel } from './config.ts';
import type { ServiceIdentity } from './service-identity.ts';

export type { Logger } from 'pino';

/**
 * Defence in depth: the app never logs headers, bodies or query strings, but if someone adds
 * `log.info({ req })` or `{ headers }` later, these keys are still masked.
 */
const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  '["set-cookie"]',
  '*["set-cookie"]',
  '["x-api-key"]',
  '*["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'REDIS_URL',
  '*.REDIS_URL',
  'connectionString',
  '*.connectionString',
];

// user:password@ inside any URL-looking text (driver errors sometimes quote connection strings).
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@\s]+@/gi;

export function scrubSecrets(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1:[REDACTED]@');
}

function typeName(error: Error): string {
  return error.constructor.name === 'Error' ? error.name : error.constructor.name;
}

/** OpenTelemetry semantic-convention exception fields; the stack stays one JSON string. */
export function exceptionFields(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) {
    return { 'exception.type': typeof error, 'exception.message': scrubSecrets(String(error)) };
  }
  // Wrapped errors (UnavailableError etc.) keep the driver's reason in `cause`.
  const cause =
    error.cause instanceof Error
      ? ` (cause: ${typeName(error.cause)}: ${error.cause.message})`
      : '';
  return {
    'exception.type': typeName(error),
    'exception.message': scrubSecrets(error.message + cause),
    'exception.stacktrace': scrubSecrets(error.stack ?? `${error.name}: ${error.message}`),
  };
}

/** `log.error({ err }, ...)` from any library becomes exception.* fields instead of a nested object. */
function errorToExceptionFields(object: Record<string, unknown>): Record<string, unknown> {
  const { err, ...rest } = object;
  if (err === undefined) return object;
  return { ...rest, ...exceptionFields(err) };
}

/**
 * One JSON object per line on stdout with the contract's keys: `time` (RFC 3339 UTC, ms),
 * lower-case string `level`, `msg`, `service.name`, `service.version`. Trace correlation keys
 * (`trace_id`, `span_id`, `trace_flags`) are added by @opentelemetry/instrumentation-pino.
 */
export function loggerOptions(level: LogLevel | 'silent', service: ServiceIdentity): LoggerOptions {
  return {
    level,
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { 'service.name': service.name, 'service.version': service.version },
    formatters: {
      level: (label) => ({ level: label }),
      log: errorToExceptionFields,
    },
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
  };
}

/**
 * Writes synchronously: a fatal line written just before process.exit() must not be lost, and
 * stdout is a pipe to the container runtime, not a terminal.
 */
export function createLogger(
  level: LogLevel | 'silent',
  service: ServiceIdentity,
  destination: DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(loggerOptions(level, service), destination);
}
