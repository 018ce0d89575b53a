import { execa, type Options } from 'execa';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built binary: CLI tests exercise exactly what `npx` would run. */
export const CLI_BIN = join(REPO_ROOT, 'dist', 'src', 'cli', 'index.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Runs the built CLI with node (the one running the tests), never through a shell. */
export async function runCli(args: readonly string[], options: Options = {}): Promise<CliResult> {
  const started = performance.now();
  const result = await execa(process.execPath, [CLI_BIN, ...args], {
    reject: false,
    stdin: 'ignore',
    timeout: 120_000,
    ...options,
    env: { CI: '1', npm_config_user_agent: '', ...(options.env ?? {}) },
  });
  return {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    durationMs: performance.now() - started,
  };
}
