import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConformanceRow } from './rows.js';
import { generateProject, generatorArgv } from './generate.js';
import { REPO_ROOT } from './paths.js';
import { sleep } from './ports.js';

/**
 * One generated, installed and built project per target and per input fingerprint, shared by
 * every conformance file and kept between runs in a temp cache (install is the slow part).
 * A mkdir lock makes concurrent jest workers wait for the first one to finish.
 *
 * `CSB_PROJECT_DIR` points the suite at an existing project that is already installed and built
 * (e.g. while writing a template), skipping all of this.
 */
export interface PreparedProject {
  dir: string;
  target: ConformanceRow;
  /** What was prepared and how long it took (shown in the results file). */
  notes: string;
}

const CACHE_ROOT = process.env.CSB_CONFORMANCE_CACHE ?? path.join(os.tmpdir(), 'csb-conformance');
const LOCK_STALE_MS = 20 * 60_000;

function hashTree(hash: crypto.Hash, root: string): void {
  if (!fs.existsSync(root)) return;
  const entries = fs.readdirSync(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update(fs.readFileSync(file));
  }
}

/** Changes when the target's templates (layers included), its feature overlays or the CLI build change. */
export function projectFingerprint(target: ConformanceRow): string {
  const hash = crypto.createHash('sha256');
  hash.update(JSON.stringify(target));
  hash.update(generatorArgv(target, '').join(' '));
  // The target's folder and the shared layers under it, and their feature overlay halves.
  const sources = [...target.layers, target.id];
  for (const layer of target.layers)
    hashTree(hash, path.join(REPO_ROOT, 'templates/layers', layer));
  hashTree(hash, path.join(REPO_ROOT, 'templates/targets', target.id));
  const featuresDir = path.join(REPO_ROOT, 'templates/features');
  if (fs.existsSync(featuresDir)) {
    for (const feature of fs.readdirSync(featuresDir).sort()) {
      for (const source of sources) hashTree(hash, path.join(featuresDir, feature, source));
    }
  }
  hashTree(hash, path.join(REPO_ROOT, 'dist/src'));
  if (target.preset !== undefined) hashTree(hash, target.preset);
  const generator = process.env.CSB_CONFORMANCE_GENERATOR;
  if (generator !== undefined && fs.existsSync(generator)) hash.update(fs.readFileSync(generator));
  return hash.digest('hex').slice(0, 16);
}

/** The build environment of a Dockerfile's build stage: no test-runner or npm-script variables. */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      key.startsWith('npm_') ||
      key === 'INIT_CWD' ||
      key === 'NODE_ENV' ||
      key.startsWith('JEST_')
    )
      continue;
    env[key] = value;
  }
  env.PATH = [path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter);
  return env;
}

function runLogged(
  argv: readonly string[],
  cwd: string,
  logFile: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'a');
    fs.writeSync(log, `\n$ ${argv.join(' ')}\n`);
    const [command, ...args] = argv as [string, ...string[]];
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log] });
    child.once('error', (error) => {
      fs.closeSync(log);
      reject(error);
    });
    child.once('exit', (code) => {
      fs.closeSync(log);
      if (code === 0) resolve();
      else {
        const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`\`${argv.join(' ')}\` exited ${code} (log ${logFile}):\n${tail}`));
      }
    });
  });
}

async function build(target: ConformanceRow, slot: string): Promise<PreparedProject> {
  const dir = path.join(slot, 'project');
  const logFile = path.join(slot, 'prepare.log');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.writeFileSync(logFile, '');
  const env = buildEnv();
  const timings: string[] = [];
  const timed = async (label: string, step: () => Promise<void>): Promise<void> => {
    const start = Date.now();
    await step();
    timings.push(`${label} ${((Date.now() - start) / 1000).toFixed(1)} s`);
  };
  await timed('generate', () => generateProject(target, dir, env));
  await timed('install', () => runLogged(target.commands.install, dir, logFile, env));
  await timed('build', () => runLogged(target.commands.build, dir, logFile, env));
  const notes = `generated with \`${generatorArgv(target, dir).slice(1).join(' ')}\`; ${timings.join(', ')}`;
  fs.writeFileSync(path.join(slot, 'ready.json'), JSON.stringify({ notes }));
  return { dir, target, notes };
}

export async function prepareProject(target: ConformanceRow): Promise<PreparedProject> {
  const override = process.env.CSB_PROJECT_DIR;
  if (override !== undefined)
    return { dir: path.resolve(override), target, notes: `CSB_PROJECT_DIR=${override}` };

  const slot = path.join(CACHE_ROOT, `${target.label}-${projectFingerprint(target)}`);
  const ready = path.join(slot, 'ready.json');
  const lock = `${slot}.lock`;
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  for (;;) {
    if (fs.existsSync(ready)) {
      const { notes } = JSON.parse(fs.readFileSync(ready, 'utf8')) as { notes: string };
      return { dir: path.join(slot, 'project'), target, notes: `${notes} (cached)` };
    }
    try {
      fs.mkdirSync(lock);
    } catch {
      const age =
        Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(1000);
      continue;
    }
    try {
      removeOtherSlots(target, slot);
      fs.mkdirSync(slot, { recursive: true });
      return await build(target, slot);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Old fingerprints of the same target are dead weight (a node_modules each). */
function removeOtherSlots(target: ConformanceRow, keep: string): void {
  for (const name of fs.readdirSync(CACHE_ROOT)) {
    const full = path.join(CACHE_ROOT, name);
    if (full === keep || !name.startsWith(`${target.label}-`) || name.endsWith('.lock')) continue;
    if (fs.existsSync(`${full}.lock`)) continue;
    fs.rmSync(full, { recursive: true, force: true });
  }
}
