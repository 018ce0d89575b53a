import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { constants as osConstants } from 'node:os';
import { attempt } from './http-client.js';
import { freePort, now, pollUntil, sleep } from './ports.js';
import { isAlive, trackPid, untrackPid } from './processes.js';

/** One stdout line, as the container's log collector would see it. */
export interface LogLine {
  raw: string;
  /** The parsed object when the line is a JSON object, else undefined. */
  json: Record<string, unknown> | undefined;
  /** Runner monotonic ms when the line arrived. */
  at: number;
}

export interface ExitInfo {
  /** Container-style exit code: the code, or 128 + signal number when killed by a signal. */
  code: number;
  signal: NodeJS.Signals | null;
  at: number;
}

export type EnvOverrides = Record<string, string | undefined>;

export interface AppInstance {
  readonly pid: number;
  readonly port: number;
  readonly metricsPort: number;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Runner monotonic ms right after spawn ("container start"). */
  readonly startedAt: number;
  readonly logs: LogLine[];
  stderr(): string;
  readonly exited: Promise<ExitInfo>;
  exitInfo(): ExitInfo | undefined;
  signal(signal: NodeJS.Signals): number;
  /** Polls GET path on fresh connections until it answers `status`; returns ms since start or undefined. */
  waitForStatus(path: string, status: number, timeoutMs: number): Promise<number | undefined>;
  waitForLog(
    predicate: (line: LogLine) => boolean,
    timeoutMs: number,
  ): Promise<LogLine | undefined>;
  /** SIGKILL if still running, then wait for the exit. */
  dispose(): Promise<void>;
}

/** Contract §2.0 baseline env for the system under test; ports and URLs point at the local stack. */
export function baselineEnv(stack: {
  port: number;
  metricsPort: number;
  databaseUrl: string;
  otlpEndpoint: string;
  outboundAllow: string;
}): Record<string, string> {
  return {
    PORT: String(stack.port),
    CONFORMANCE_FIXTURES: 'true',
    CONFORMANCE_OUTBOUND_ALLOW: stack.outboundAllow,
    LOG_LEVEL: 'info',
    DATABASE_URL: stack.databaseUrl,
    SHUTDOWN_DELAY_MS: '2000',
    SHUTDOWN_TIMEOUT_MS: '10000',
    OTEL_SERVICE_NAME: 'conformance-svc',
    OTEL_RESOURCE_ATTRIBUTES: 'service.version=0.0.0-test,deployment.environment.name=test',
    OTEL_EXPORTER_OTLP_ENDPOINT: stack.otlpEndpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_METRICS_EXPORTER: 'prometheus',
    OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0',
    OTEL_EXPORTER_PROMETHEUS_PORT: String(stack.metricsPort),
    OTEL_BSP_SCHEDULE_DELAY: '200',
    OTEL_SEMCONV_STABILITY_OPT_IN: 'http,database',
  };
}

/**
 * `ENV` instructions of the Dockerfile's final stage: the production environment the image sets
 * (e.g. NODE_ENV=production). Handles `ENV K=V K2="V 2"` and the legacy `ENV K V` form.
 */
export function dockerfileEnv(projectDir: string): Record<string, string> {
  const file = path.join(projectDir, 'Dockerfile');
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, 'utf8').replace(/\\\r?\n/g, ' ');
  const lines = text.split(/\r?\n/);
  const lastFrom = lines.map((l) => /^\s*FROM\s/i.test(l)).lastIndexOf(true);
  const env: Record<string, string> = {};
  for (const line of lines.slice(lastFrom + 1)) {
    const match = /^\s*ENV\s+(.*)$/i.exec(line);
    if (match === null) continue;
    const rest = match[1]!.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest)) {
      const [key, ...value] = rest.split(/\s+/);
      if (key !== undefined) env[key] = value.join(' ');
      continue;
    }
    for (const pair of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
      const raw = pair[2] ?? '';
      env[pair[1]!] = /^["']/.test(raw) ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    }
  }
  return env;
}

/** A minimal host env: the runtime on PATH (Node 24 first: the suite runs under it), nothing else leaks in. */
function hostEnv(): Record<string, string> {
  const pathEntries = [path.dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'];
  const env: Record<string, string> = { PATH: pathEntries.join(path.delimiter) };
  for (const key of ['HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

export interface SpawnAppOptions {
  projectDir: string;
  argv: readonly string[];
  databaseUrl: string;
  otlpEndpoint: string;
  outboundAllow?: string;
  /** Per-check env changes; `undefined` removes a variable. */
  env?: EnvOverrides;
}

export async function spawnApp(options: SpawnAppOptions): Promise<AppInstance> {
  const port = await freePort();
  const metricsPort = await freePort();
  const env: Record<string, string> = {
    ...hostEnv(),
    ...dockerfileEnv(options.projectDir),
    ...baselineEnv({
      port,
      metricsPort,
      databaseUrl: options.databaseUrl,
      otlpEndpoint: options.otlpEndpoint,
      outboundAllow: options.outboundAllow ?? '^http://127\\.0\\.0\\.1:[0-9]+/',
    }),
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const [command, ...args] = options.argv as [string, ...string[]];
  const child = spawn(command, args, {
    cwd: options.projectDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const startedAt = now();
  if (child.pid === undefined) throw new Error(`could not start ${options.argv.join(' ')}`);
  const pid = child.pid;
  trackPid(pid);

  const logs: LogLine[] = [];
  let stderr = '';
  let exitInfo: ExitInfo | undefined;
  readline.createInterface({ input: child.stdout }).on('line', (raw) => {
    let json: Record<string, unknown> | undefined;
    if (raw.startsWith('{')) {
      try {
        const parsed = JSON.parse(raw) as unknown;
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
          json = parsed as Record<string, unknown>;
      } catch {
        json = undefined;
      }
    }
    logs.push({ raw, json, at: now() });
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      untrackPid(pid);
      const signalNumber = signal === null ? 0 : (osConstants.signals[signal] ?? 0);
      exitInfo = { code: code ?? 128 + signalNumber, signal, at: now() };
      resolve(exitInfo);
    });
  });
  // Let stdout drain fully before callers read logs after exit.
  const stdoutClosed = new Promise<void>((resolve) => child.stdout.once('close', () => resolve()));
  const exitedWithLogs = Promise.all([exited, stdoutClosed]).then(([info]) => info);

  return {
    pid,
    port,
    metricsPort,
    argv: options.argv,
    env,
    startedAt,
    logs,
    stderr: () => stderr,
    exited: exitedWithLogs,
    exitInfo: () => exitInfo,
    signal: (signal) => {
      process.kill(pid, signal);
      return now();
    },
    async waitForStatus(urlPath, status, timeoutMs) {
      const EXITED = -1;
      const hit = await pollUntil(async () => {
        if (exitInfo !== undefined) return EXITED;
        const result = await attempt(port, urlPath, { timeoutMs: 2000 });
        return result.response?.status === status ? now() - startedAt : undefined;
      }, timeoutMs);
      return hit === EXITED ? undefined : hit;
    },
    async waitForLog(predicate, timeoutMs) {
      const deadline = now() + timeoutMs;
      for (;;) {
        const line = logs.find(predicate);
        if (line !== undefined || now() >= deadline) return line;
        await sleep(50);
      }
    },
    async dispose() {
      if (exitInfo === undefined && isAlive(pid)) process.kill(pid, 'SIGKILL');
      await exitedWithLogs;
    },
  };
}
