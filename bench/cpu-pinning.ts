import { execFile, execFileSync } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Server on one core, load generator (and PostgreSQL, and this process) on the other, so the
 * server under test never competes with its own load. Without taskset or a second core every
 * process floats and the report says so.
 */
export interface CpuPlan {
  readonly pinned: boolean;
  readonly serverCpu: string;
  readonly loadCpu: string;
  readonly description: string;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function planCpus(): CpuPlan {
  const cores = os.availableParallelism();
  if (cores >= 2 && hasTaskset()) {
    return {
      pinned: true,
      serverCpu: '0',
      loadCpu: '1',
      description: `${cores} cores: server on CPU 0; load generator, PostgreSQL and the bench runner on CPU 1 (taskset)`,
    };
  }
  return {
    pinned: false,
    serverCpu: '',
    loadCpu: '',
    description: `${cores} core(s), no pinning (taskset unavailable or a single core)`,
  };
}

/** argv that runs `command` on `cpu` (taskset execs it, so the PID stays the command's own). */
export function onCpu(
  plan: CpuPlan,
  cpu: string,
  command: string,
  args: readonly string[],
): [string, string[]] {
  return plan.pinned ? ['taskset', ['-c', cpu, command, ...args]] : [command, [...args]];
}

/** Moves an already running process (all its threads) to `cpu`. */
export async function pinRunningProcess(plan: CpuPlan, pid: number, cpu: string): Promise<void> {
  if (plan.pinned) await run('taskset', ['-a', '-p', '-c', cpu, String(pid)]);
}
