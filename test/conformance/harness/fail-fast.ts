import type { AppInstance, EnvOverrides, ExitInfo } from './app-process.js';
import { jsonLines, messageOf, type LogRecord } from './logs.js';
import { now, portAcceptsConnection, sleep } from './ports.js';
import type { Stack } from './stack.js';

/** C2 / C3 / S29: start with bad config and watch the exit, the port and the error line. */
export interface FailFastOutcome {
  app: AppInstance;
  exit: ExitInfo | undefined;
  /** ms from spawn to exit. */
  exitMs: number | undefined;
  /** Whether any polled port accepted a connection while the process ran. */
  accepted: boolean;
  /** error/fatal JSON lines whose message names `variable`. */
  namingLines: LogRecord[];
}

const DEFAULT_PORT = 8080;

export async function runFailFast(
  stack: Stack,
  env: EnvOverrides,
  variable: string,
  budgetMs = 15_000,
): Promise<FailFastOutcome> {
  // With PORT unusable, the app could only fall back to the default port: poll that too, if it is free now.
  const pollDefault = !(await portAcceptsConnection(DEFAULT_PORT, 200));
  const { app } = await stack.launch({ env, waitFor: 'nothing' });
  let accepted = false;
  const deadline = app.startedAt + budgetMs + 1000;
  while (app.exitInfo() === undefined && now() < deadline) {
    const ports = pollDefault ? [app.port, DEFAULT_PORT] : [app.port];
    for (const port of ports) if (await portAcceptsConnection(port, 90)) accepted = true;
    await sleep(100);
  }
  if (app.exitInfo() === undefined) await app.dispose();
  else await app.exited;
  const exit = app.exitInfo();
  const namingLines = jsonLines(app.logs).filter(
    (record) =>
      ['error', 'fatal'].includes(String(record.level)) && messageOf(record).includes(variable),
  );
  return {
    app,
    exit: exit?.signal === 'SIGKILL' ? undefined : exit,
    exitMs: exit === undefined || exit.signal === 'SIGKILL' ? undefined : exit.at - app.startedAt,
    accepted,
    namingLines,
  };
}
