import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ConformanceRow } from './rows.js';
import { REPO_ROOT } from './paths.js';

const run = promisify(execFile);

/** The project name every conformance project gets (also the default OTEL_SERVICE_NAME). */
export const CONFORMANCE_PROJECT_NAME = 'conformance-svc';

/**
 * The one place that knows how to ask the CLI for a project with the fixture routes.
 * `CSB_CONFORMANCE_GENERATOR` may name another script taking the same arguments (an interim
 * renderer, or a released CLI to compare against).
 */
export function generatorArgv(target: ConformanceRow, directory: string): string[] {
  const script =
    process.env.CSB_CONFORMANCE_GENERATOR ?? path.join(REPO_ROOT, 'dist/src/cli/index.js');
  return [
    script,
    CONFORMANCE_PROJECT_NAME,
    '--yes',
    '--no-git',
    '--no-install',
    '--conformance-fixtures',
    '--framework',
    target.id,
    '--directory',
    directory,
    ...(target.preset === undefined ? [] : ['--preset', target.preset]),
  ];
}

export async function generateProject(
  target: ConformanceRow,
  directory: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const argv = generatorArgv(target, directory);
  if (!fs.existsSync(argv[0]!)) {
    throw new Error(`generator ${argv[0]} not found: run \`npm run build\` in ${REPO_ROOT} first`);
  }
  await run(process.execPath, argv, { cwd: REPO_ROOT, env, timeout: 120_000 });
}
