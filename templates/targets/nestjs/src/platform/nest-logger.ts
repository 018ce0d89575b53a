import type { LoggerService } from '@nestjs/common';
import type { Logger } from './logger.ts';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's own messages (bootstrap, route mapping, its warnings) through the service's pino logger,
 * so they are JSON lines with the same keys as every other line. Nest passes the context (the
 * class that logs) as the last string argument; `error` may come with a stack before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const strings = params.filter((param) => typeof param === 'string');
    const context = strings.at(-1);
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
      return;
    }
    // Nest's logger.error(message, stack, context): keep the stack as the exception's.
    if (level === 'error' && strings.length > 1) fields['exception.stacktrace'] = strings[0];
    if (typeof message === 'string') this.logger[level](fields, message);
    else this.logger[level]({ ...fields, data: message }, context ?? 'nest');
  }
}
