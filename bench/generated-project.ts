import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { TargetDefinition } from '../src/catalog/targets/types.js';
import { shellEnv } from './environment.js';
import { scaffoldArgs } from './scenarios.js';

const run = promisify(execFile);

export interface PreparedTarget {
  target: TargetDefinition;
  dir: string;
  /** How the project was prepared, for the report. */
  notes: string[];
}

/** Commands name `node`; the benchmark runs them on its own Node (24) whatever PATH says. */
export function withRuntime(argv: readonly string[]): string[] {
  return argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : [...argv];
}

async function step(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<number> {
  const started = performance.now();
  const [command, ...args] = withRuntime(argv) as [string, ...string[]];
  try {
    await run(command, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `\`${argv.join(' ')}\` failed in ${cwd}:\n${`${stdout}\n${stderr}`.trim().slice(-1500)}`,
    );
  }
  return (performance.now() - started) / 1000;
}

/**
 * Generates the target with this repository's CLI, then runs the target's own install and build
 * commands, as its Dockerfile does. A template without a lockfile yet gets `npm install` instead
 * of `npm ci` (noted in the report).
 */
export async function prepareTarget(
  target: TargetDefinition,
  repoRoot: string,
  workDir: string,
  log: (line: string) => void,
): Promise<PreparedTarget> {
  const dir = path.join(workDir, 'servers', target.id);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const env = shellEnv();
  const notes: string[] = [];
  const cli = path.join(repoRoot, 'dist/src/cli/index.js');

  log(`servers: generating, installing and building the ${target.id} starter`);
  const generate = await step(
    ['node', ...scaffoldArgs(cli, target.id, dir)],
    repoRoot,
    env,
    120_000,
  );
  let install = target.commands.install;
  if (
    install[0] === 'npm' &&
    install[1] === 'ci' &&
    !fs.existsSync(path.join(dir, 'package-lock.json'))
  ) {
    install = ['npm', 'install', '--no-audit', '--no-fund'];
    notes.push(
      'the template has no package-lock.json yet: installed with `npm install` instead of `npm ci`',
    );
  }
  const installed = await step(install, dir, env, 600_000);
  const built = await step(target.commands.build, dir, env, 300_000);
  notes.push(
    `generate ${generate.toFixed(1)} s, \`${install.join(' ')}\` ${installed.toFixed(1)} s, \`${target.commands.build.join(' ')}\` ${built.toFixed(1)} s`,
  );
  return { target, dir, notes };
}

/** Runs the target's migrate command against the benchmark database (never done on start in production). */
export async function migrate(prepared: PreparedTarget, env: NodeJS.ProcessEnv): Promise<void> {
  await step(prepared.target.commands.migrate, prepared.dir, env, 120_000);
}
