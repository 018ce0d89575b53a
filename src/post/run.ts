import { execa } from 'execa';
import { activeFault } from '../write/faults.js';

export interface RunResult {
  ok: boolean;
  /** First meaningful line of the failure, for the user-facing message. */
  error?: string;
}

/**
 * Runs a command as an argv array (never through a shell) in `cwd`, streaming its output to our
 * stderr so the user sees progress while our stdout stays machine-readable.
 */
export async function runCommand(argv: readonly string[], cwd: string): Promise<RunResult> {
  const [command, ...args] = argv;
  if (!command) return { ok: false, error: 'empty command' };
  const fault = activeFault();
  if (fault?.kind === 'spawn-fail' && fault.command === command) {
    return { ok: false, error: `spawn ${command} ENOENT (injected)` };
  }
  try {
    await execa(command, args, {
      cwd,
      stdout: ['pipe', process.stderr],
      stderr: ['pipe', process.stderr],
      stdin: 'ignore',
    });
    return { ok: true };
  } catch (error) {
    const e = error as { code?: string; stderr?: string; shortMessage?: string };
    const firstLine = (e.stderr ?? '')
      .split('\n')
      .find((l) => /err|fail/i.test(l))
      ?.trim();
    return {
      ok: false,
      error:
        e.code === 'ENOENT'
          ? `${command} is not installed`
          : (firstLine ?? e.shortMessage ?? String(error)),
    };
  }
}

export async function commandExists(command: string): Promise<boolean> {
  const fault = activeFault();
  if (fault?.kind === 'spawn-fail' && fault.command === command) return false;
  try {
    await execa(command, ['--version'], { stdin: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
