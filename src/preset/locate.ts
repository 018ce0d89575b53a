import { rmSync } from 'node:fs';
import { access, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { execa } from 'execa';
import { badInput } from '../cli/errors.js';

/** Where a preset's file and folder are on disk, and how to find it again later (the manifest). */
export interface PresetLocation {
  readonly file: string;
  /** The preset's root: overlay and slot files are resolved against it and must stay inside. */
  readonly dir: string;
  /** A path made absolute, or the package name as given. */
  readonly source: string;
}

const PACKAGE_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*(?:@[^\s/]+)?$/;
const PRESET_FILE = /\.(json|ya?ml)$/;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function mainFileOf(dir: string, what: string): Promise<string> {
  let manifest: { main?: unknown };
  try {
    manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { main?: unknown };
  } catch {
    throw badInput(`preset ${what} has no readable package.json naming the preset as its "main"`);
  }
  if (typeof manifest.main !== 'string' || !PRESET_FILE.test(manifest.main)) {
    throw badInput(
      `preset ${what}: package.json "main" must name the preset's .json or .yaml file`,
    );
  }
  return resolve(dir, manifest.main);
}

/** A scratch folder removed when the process exits (the preset is read until rendering ends). */
async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'csb-preset-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function unpack(tarball: string): Promise<string> {
  const scratch = await scratchDir();
  const result = await execa('tar', ['-xzf', tarball, '-C', scratch], { reject: false });
  if (result.exitCode !== 0)
    throw badInput(`preset ${tarball} is not a readable .tgz: ${result.stderr}`);
  // npm pack puts everything under package/.
  return join(scratch, 'package');
}

/** The package installed in node_modules of `from` or a parent directory (how npm resolves it). */
async function installedPackage(name: string, from: string): Promise<string | undefined> {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (await exists(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Downloads a package from the registry (npm pack: no install, no scripts run). */
async function packFromRegistry(spec: string): Promise<string> {
  const scratch = await scratchDir();
  const result = await execa(
    'npm',
    ['pack', spec, '--pack-destination', scratch, '--json', '--ignore-scripts'],
    {
      reject: false,
      stdin: 'ignore',
    },
  );
  if (result.exitCode !== 0) {
    throw badInput(
      `preset ${spec} is neither a file nor an installed package, and npm could not fetch it: ${result.stderr.split('\n').find(Boolean) ?? 'npm pack failed'}`,
    );
  }
  const [{ filename }] = JSON.parse(result.stdout) as [{ filename: string }];
  return unpack(join(scratch, filename));
}

/**
 * Finds a preset from what the user typed: a .json/.yaml file, a package folder or .tgz, or a
 * package name (looked up in node_modules from `cwd` upwards, else fetched from the registry).
 */
export async function locatePreset(spec: string, cwd: string): Promise<PresetLocation> {
  const path = isAbsolute(spec) ? spec : resolve(cwd, spec);
  const pathLike =
    spec.startsWith('.') || isAbsolute(spec) || PRESET_FILE.test(spec) || spec.endsWith('.tgz');
  if (pathLike || (await exists(path))) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw badInput(`preset ${spec} not found (${path})`);
    if (info.isDirectory()) return { file: await mainFileOf(path, spec), dir: path, source: path };
    if (spec.endsWith('.tgz')) {
      const dir = await unpack(path);
      return { file: await mainFileOf(dir, spec), dir, source: path };
    }
    if (!PRESET_FILE.test(path))
      throw badInput(
        `preset ${spec} must be a .json, .yaml or .yml file, a package folder or a .tgz`,
      );
    return { file: path, dir: dirname(path), source: path };
  }
  if (!PACKAGE_NAME.test(spec))
    throw badInput(`preset ${JSON.stringify(spec)} is not a file, folder or npm package name`);
  const name = spec.replace(/(?!^)@[^/]*$/, '');
  const installed = name === spec ? await installedPackage(name, cwd) : undefined;
  const dir = installed ?? (await packFromRegistry(spec));
  return { file: await mainFileOf(dir, spec), dir, source: spec };
}
