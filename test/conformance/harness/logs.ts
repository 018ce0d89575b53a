import type { AppInstance, LogLine } from './app-process.js';

/** Log-line queries shared by the checks (contract §2.4 key names). */
export type LogRecord = Record<string, unknown>;

export const ACCESS_STATUS_KEY = 'http.response.status_code';

export function jsonLines(lines: readonly LogLine[]): LogRecord[] {
  return lines.flatMap((line) => (line.json === undefined ? [] : [line.json]));
}

/** Access-log lines (C26: identified by the presence of http.response.status_code). */
export function accessLines(lines: readonly LogLine[]): LogRecord[] {
  return jsonLines(lines).filter((record) => ACCESS_STATUS_KEY in record);
}

export function linesSince(app: AppInstance, since: number): LogLine[] {
  return app.logs.filter((line) => line.at >= since);
}

/** Everything the process wrote (stdout + stderr), for secret canaries. */
export function allOutput(app: AppInstance): string {
  return `${app.logs.map((line) => line.raw).join('\n')}\n${app.stderr()}`;
}

/** Levels ordered as the contract lists them. */
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const levelRank = (level: unknown): number =>
  LEVELS.indexOf(level as (typeof LEVELS)[number]);

/** The message of a log record: `msg`, or the error message (C2/C3 accept either). */
export function messageOf(record: LogRecord): string {
  const error = record.error;
  const nested =
    error !== null && typeof error === 'object'
      ? (error as Record<string, unknown>).message
      : undefined;
  return [record.msg, record['error.message'], nested, record['exception.message']]
    .filter((v) => typeof v === 'string')
    .join(' ');
}
