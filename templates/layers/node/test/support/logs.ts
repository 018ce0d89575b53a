import type { LogLevel } from '../../src/platform/config.ts';
import { createLogger, type Logger } from '../../src/platform/logger.ts';

export const TEST_SERVICE = { name: 'test-svc', version: '1.2.3', environment: 'test' } as const;

export type LogLine = Record<string, unknown> & { level: string; msg: string };

export function silentLogger(): Logger {
  return createLogger('silent', TEST_SERVICE);
}

/** A logger with the production options whose JSON lines are kept for assertions. */
export function capturingLogger(level: LogLevel = 'debug'): {
  logger: Logger;
  lines: LogLine[];
  raw: string[];
} {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const destination = {
    write(chunk: string) {
      for (const line of chunk.split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as LogLine);
      }
    },
  };
  return { logger: createLogger(level, TEST_SERVICE, destination), lines, raw };
}
