import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  wallMs: number;
  exitCode: number | null;
  /** Last lines of stdout+stderr, for the report when a run fails. */
  outputTail: string;
}

export interface TimedProcess {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

const TAIL_BYTES = 2000;

/**
 * Wall time of one whole process, spawn to exit, stdin closed (as in CI: no TTY, no prompts).
 * A process past its timeout is killed by PID and reported with exit code null.
 */
export function timeProcess({
  command,
  args,
  cwd,
  env,
  timeoutMs,
}: TimedProcess): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    let output = '';
    const keepTail = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    const started = performance.now();
    const child = spawn(command, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', keepTail);
    child.stderr.on('data', keepTail);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        wallMs: performance.now() - started,
        exitCode: signal === null ? code : null,
        outputTail: output,
      });
    });
  });
}
