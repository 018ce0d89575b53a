import { execa } from 'execa';
import { delimiter, dirname } from 'node:path';

/**
 * The environment a generated project's commands get in tests: ours without npm's, jest's and
 * NODE_ENV (they would leak into the project's own scripts), with this Node first on PATH.
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      v === undefined ||
      k.startsWith('npm_') ||
      k.startsWith('JEST') ||
      k === 'NODE_ENV' ||
      k === 'INIT_CWD'
    ) {
      continue;
    }
    env[k] = v;
  }
  env.PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  return { ...env, CI: '1', ...extra };
}

/** Runs `argv` in `cwd` with childEnv; never rejects (check exitCode), output interleaved in `all`. */
export async function exec(
  argv: readonly string[],
  cwd: string,
  extra: Record<string, string> = {},
) {
  const [command, ...args] = argv as [string, ...string[]];
  return execa(command, args, {
    cwd,
    env: childEnv(extra),
    extendEnv: false,
    reject: false,
    all: true,
    stdin: 'ignore',
  });
}

/** Like exec, but a non-zero exit throws with the last of the output. */
export async function run(
  argv: readonly string[],
  cwd: string,
  extra: Record<string, string> = {},
) {
  const result = await exec(argv, cwd, extra);
  if (result.exitCode !== 0) {
    throw new Error(`${argv.join(' ')} exited ${result.exitCode}:\n${result.all?.slice(-4000)}`);
  }
  return result;
}
