import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { shellEnv } from './environment.js';

const run = promisify(execFile);

export interface InstalledTool {
  /** Folder with package.json and node_modules/. */
  dir: string;
  version: string;
  /** Apparent size of node_modules/ (what lands on disk on first `npx` use). */
  bytes: number;
  /** Installed packages, the tool itself included (entries of npm's hidden lockfile). */
  packages: number;
}

function apparentSize(root: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() || entry.isSymbolicLink())
      total += fs.lstatSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

function installedPackageCount(nodeModules: string): number {
  const lock = JSON.parse(
    fs.readFileSync(path.join(nodeModules, '.package-lock.json'), 'utf8'),
  ) as {
    packages: Record<string, unknown>;
  };
  return Object.keys(lock.packages).filter((key) => key.startsWith('node_modules/')).length;
}

/**
 * Installs `spec` (a registry name or a tarball path) into `dir` the way npx does on first use:
 * production dependencies only, with npm's default settings.
 */
export async function installTool(
  dir: string,
  packageName: string,
  spec: string,
): Promise<InstalledTool> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error', spec], {
    cwd: dir,
    env: shellEnv(),
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const nodeModules = path.join(dir, 'node_modules');
  const manifest = JSON.parse(
    fs.readFileSync(path.join(nodeModules, packageName, 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  return {
    dir,
    version: manifest.version,
    bytes: apparentSize(nodeModules),
    packages: installedPackageCount(nodeModules),
  };
}

/** Absolute path of a bin script of an installed package (package.json `bin`, string or map). */
export function binPath(installDir: string, packageName: string, bin: string): string {
  const packageDir = path.join(installDir, 'node_modules', packageName);
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const relative = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (relative === undefined) throw new Error(`${packageName} has no bin named ${bin}`);
  return path.join(packageDir, relative);
}

/** `npm pack` of the repository at `repoRoot` into `destination`; returns the tarball path. */
export async function packRepository(repoRoot: string, destination: string): Promise<string> {
  fs.mkdirSync(destination, { recursive: true });
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--loglevel=error', '--pack-destination', destination],
    {
      cwd: repoRoot,
      env: shellEnv(),
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (packed === undefined) throw new Error('npm pack reported no tarball');
  return path.join(destination, packed.filename);
}
