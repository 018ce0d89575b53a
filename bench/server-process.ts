import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { httpRequest } from '../test/conformance/harness/http-client.js';
import { sleep } from '../test/conformance/harness/ports.js';
import { isAlive, trackPid, untrackPid } from '../test/conformance/harness/processes.js';
import { onCpu, type CpuPlan } from './cpu-pinning.js';

export interface ServerLaunch {
  id: string;
  label: string;
  /** argv[0] is an executable path (not resolved through a shell). */
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** Polled until it answers 200: the moment the server is useful. */
  readyPath: string;
  /** stdout and stderr go here: a file costs the server what a container runtime's pipe costs. */
  logFile: string;
}

export interface RunningServer {
  readonly pid: number;
  readonly port: number;
  /** Spawn to first 200 on readyPath, on the runner's monotonic clock. */
  readonly startupMs: number;
  stop(): Promise<void>;
}

const POLL_INTERVAL_MS = 5;
const STOP_GRACE_MS = 10_000;

function readLogTail(file: string): string {
  return fs.readFileSync(file, 'utf8').slice(-1500);
}

/** Resident set size in bytes from /proc/<pid>/status (Linux). */
export function residentBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (match === null) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Starts the server on the server CPU and waits for its first 200; stops it by PID on failure. */
export async function startServer(
  launch: ServerLaunch,
  cpus: CpuPlan,
  timeoutMs: number,
): Promise<RunningServer> {
  const log = fs.openSync(launch.logFile, 'w');
  const [command, args] = onCpu(cpus, cpus.serverCpu, launch.argv[0]!, launch.argv.slice(1));
  const startedAt = performance.now();
  const child = spawn(command, args, {
    cwd: launch.cwd,
    env: launch.env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${launch.id}: could not spawn ${launch.argv.join(' ')}`);
  trackPid(pid);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal === null ? null : -1);
      untrackPid(pid);
      resolve();
    }),
  );

  const stop = async (): Promise<void> => {
    if (exitCode !== undefined || !isAlive(pid)) return;
    process.kill(pid, 'SIGTERM');
    const graceful = await Promise.race([
      exited.then(() => true),
      sleep(STOP_GRACE_MS).then(() => false),
    ]);
    if (!graceful && isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
      await exited;
    }
  };

  const deadline = startedAt + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(
        `${launch.id} exited (${exitCode}) before answering:\n${readLogTail(launch.logFile)}`,
      );
    }
    const status = await httpRequest(launch.port, launch.readyPath, { timeoutMs: 1000 }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200)
      return { pid, port: launch.port, startupMs: performance.now() - startedAt, stop };
    if (performance.now() > deadline) {
      await stop();
      throw new Error(
        `${launch.id} gave no 200 on ${launch.readyPath} within ${timeoutMs} ms:\n${readLogTail(launch.logFile)}`,
      );
    }
    await sleep(POLL_INTERVAL_MS);
  }
}
