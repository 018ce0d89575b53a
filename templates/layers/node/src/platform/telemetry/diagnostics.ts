import { DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { Logger } from '../logger.ts';

const LEVELS: Record<string, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/** OTEL_LOG_LEVEL as the SDK reads it; default `warn` so export failures are visible. */
export function diagLevelFromEnv(value: string | undefined): DiagLogLevel {
  return LEVELS[(value ?? 'warn').toLowerCase()] ?? DiagLogLevel.WARN;
}

// The SDK's global error handler passes errors as JSON text ({"message":…,"stack":…}).
function readable(message: string): string {
  if (!message.startsWith('{')) return message;
  try {
    const parsed = JSON.parse(message) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : message;
  } catch {
    return message;
  }
}

/**
 * Routes OpenTelemetry's own diagnostics (export failures, bad config) into the JSON log, at
 * most `maxPerMinute` lines a minute: an unreachable collector must not flood stdout.
 */
export function createDiagLogger(logger: Logger, maxPerMinute = 5, now = Date.now): DiagLogger {
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let suppressed = 0;

  function emit(
    level: 'error' | 'warn' | 'info' | 'debug',
    message: string,
    args: unknown[],
  ): void {
    const time = now();
    if (time - windowStart >= 60_000) {
      if (suppressed > 0)
        logger.warn({ suppressed }, 'opentelemetry: similar diagnostics were suppressed');
      windowStart = time;
      written = 0;
      suppressed = 0;
    }
    if (written >= maxPerMinute) {
      suppressed += 1;
      return;
    }
    written += 1;
    const error = args.find((arg) => arg instanceof Error);
    logger[level](error === undefined ? {} : { err: error }, `opentelemetry: ${readable(message)}`);
  }

  return {
    error: (message, ...args) => emit('error', message, args),
    warn: (message, ...args) => emit('warn', message, args),
    info: (message, ...args) => emit('info', message, args),
    debug: (message, ...args) => emit('debug', message, args),
    verbose: (message, ...args) => emit('debug', message, args),
  };
}
