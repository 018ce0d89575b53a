import { access, constants, lstat, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { badInput } from '../cli/errors.js';

/** Entries that may already sit in a target directory without making it "not empty" (G03). */
export const ALLOWED_EXISTING = [
  '.git',
  '.gitignore',
  '.gitattributes',
  'LICENSE',
  'README.md',
  '.idea',
  '.vscode',
  '.DS_Store',
];
const ALLOWED_PATTERN = /\.iml$/;

export const MANIFEST_FILE = '.scalable-backend.json';

export type TargetState =
  | { kind: 'absent' }
  | { kind: 'empty' }
  | { kind: 'allowlisted'; entries: string[] }
  | { kind: 'non-empty'; entries: string[] };

export function isAllowedExisting(name: string): boolean {
  return ALLOWED_EXISTING.includes(name) || ALLOWED_PATTERN.test(name);
}

/** Pure classification of a directory listing. */
export function classifyEntries(entries: readonly string[]): TargetState {
  if (entries.length === 0) return { kind: 'empty' };
  const sorted = [...entries].sort();
  return sorted.every(isAllowedExisting)
    ? { kind: 'allowlisted', entries: sorted }
    : { kind: 'non-empty', entries: sorted };
}

/**
 * Inspects the target before anything is asked or written and refuses the cases that could
 * lose data: a file in the way, a symlink, an existing generated project, a non-empty directory
 * without --force.
 */
export async function inspectTarget(target: string, force: boolean): Promise<TargetState> {
  let info;
  try {
    info = await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      await assertWritable(await nearestExisting(dirname(target)));
      return { kind: 'absent' };
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw badInput(`Cannot create ${target}: a parent path is a file, not a directory`);
    }
    throw error;
  }
  if (info.isSymbolicLink()) {
    throw badInput(`Refusing to write through symlink ${target}; pass the real directory instead`);
  }
  if (!info.isDirectory()) throw badInput(`${target} exists and is not a directory`);
  await assertWritable(target);
  // The staging directory is a sibling, so the parent must be writable too.
  await assertWritable(dirname(target));
  const entries = await readdir(target);
  if (entries.includes(MANIFEST_FILE)) {
    throw badInput(
      `${target} is already a create-scalable-backend project (${MANIFEST_FILE} found); use "add" or "update" instead`,
    );
  }
  const state = classifyEntries(entries);
  if (state.kind === 'non-empty' && !force) {
    const shown = state.entries.slice(0, 5).join(', ');
    const more = state.entries.length > 5 ? ', …' : '';
    throw badInput(
      `Target directory ${target} is not empty (${state.entries.length} entries: ${shown}${more}). ` +
        `Use a new directory, or --force to write only the template's files (nothing is ever deleted).`,
    );
  }
  return state;
}

/** Every existing path component between root and the file that is a symlink (G08). */
export async function symlinkOnPath(
  root: string,
  relativePath: string,
): Promise<string | undefined> {
  const parts = relativePath.split('/');
  let current = root;
  for (const part of parts) {
    current = join(current, part);
    try {
      if ((await lstat(current)).isSymbolicLink()) return current;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function nearestExisting(dir: string): Promise<string> {
  for (let current = dir; ; current = dirname(current)) {
    try {
      await lstat(current);
      return current;
    } catch {
      if (dirname(current) === current) return current;
    }
  }
}

/** G07: refuse before writing anything when we could not write there anyway. */
async function assertWritable(dir: string): Promise<void> {
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EACCES';
    throw badInput(
      `Cannot write to ${dir} (${code}); choose another location or fix its permissions`,
    );
  }
}
