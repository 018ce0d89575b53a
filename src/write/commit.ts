import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { badInput, CliError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import type { VirtualTree } from '../render/tree.js';
import { containedPath } from './contain.js';
import { beforeWrite } from './faults.js';
import { isAllowedExisting, symlinkOnPath, type TargetState } from './preflight.js';
import type { SignalGuard } from './signals.js';

export interface WriteReport {
  created: string[];
  /** Existing files replaced under --force; the previous versions are kept in `backupDir`. */
  overwritten: string[];
  /** Pre-existing allow-listed files we kept; the template's version went beside them. */
  keptBeside: { path: string; templateCopy: string }[];
  backupDir?: string;
}

const STAGING_PREFIX = '.csb-staging-';
export const BACKUP_DIR = '.csb-backup';

/**
 * Removes staging directories left by runs that were killed outright (SIGKILL, power loss). Only
 * our own naming pattern is touched, and only when the process that made it is gone.
 */
export async function removeStaleStaging(parent: string, name: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const pattern = new RegExp(`^${STAGING_PREFIX.replace('.', '\\.')}${name}-(\\d+)-`);
  for (const entry of entries) {
    const pid = Number(pattern.exec(entry)?.[1]);
    if (!pid || isAlive(pid)) continue;
    await rm(join(parent, entry), { recursive: true, force: true });
    removed.push(join(parent, entry));
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `dir` and its missing parents; returns the topmost directory it created, if any. */
async function makeDirs(dir: string): Promise<string | undefined> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    try {
      await stat(current);
      break;
    } catch {
      missing.push(current);
      const up = dirname(current);
      if (up === current) break;
      current = up;
    }
  }
  for (const d of missing.reverse()) await mkdir(d);
  return missing[0];
}

/**
 * Writes the tree into `target` so that an interrupted or failed run leaves no half project and
 * never deletes anything it did not create: every file is first written to a sibling staging
 * directory; a new target is then created by one atomic rename; an existing one receives the
 * files one by one under a journal that is replayed backwards on failure.
 */
export async function commitTree(
  tree: VirtualTree,
  target: string,
  state: TargetState,
  guard: SignalGuard,
): Promise<WriteReport> {
  const parent = dirname(target);
  const createdParent = await makeDirs(parent).catch((error: NodeJS.ErrnoException) => {
    throw badInput(`Cannot create ${parent} (${error.code ?? error.message})`);
  });
  let staging: string | undefined;
  try {
    staging = await mkdtemp(join(parent, `${STAGING_PREFIX}${basename(target)}-${process.pid}-`));
    let index = 0;
    for (const path of tree.paths()) {
      index += 1;
      await guard.settle();
      beforeWrite(index);
      await guard.settle();
      const file = tree.get(path)!;
      const destination = containedPath(staging, path);
      await mkdir(dirname(destination), { recursive: true });
      await writeFile(destination, file.content, { mode: file.mode });
    }
    await guard.settle();
    if (state.kind === 'absent' || state.kind === 'empty') {
      const mode =
        state.kind === 'empty' ? (await stat(target)).mode & 0o7777 : 0o777 & ~process.umask();
      await chmod(staging, mode);
      // rename(2) atomically replaces an empty directory, so the project appears whole or not at all.
      await rename(staging, target);
      staging = undefined;
      return { created: tree.paths(), overwritten: [], keptBeside: [] };
    }
    return await mergeIntoExisting(tree, target, staging, guard);
  } catch (error) {
    if (staging) await rm(staging, { recursive: true, force: true });
    if (createdParent) await rm(createdParent, { recursive: true, force: true });
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `Could not write the project (${code ?? 'error'}: ${(error as Error).message}); removed partial output, nothing of yours was changed.`,
      EXIT.internal,
    );
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
  }
}

type JournalEntry = { path: string; backup?: string; createdDir?: string };

async function mergeIntoExisting(
  tree: VirtualTree,
  target: string,
  staging: string,
  guard: SignalGuard,
): Promise<WriteReport> {
  const report: WriteReport = { created: [], overwritten: [], keptBeside: [] };
  const journal: JournalEntry[] = [];
  const backupRoot = join(staging, '.backup');
  try {
    for (const path of tree.paths()) {
      await guard.settle();
      const link = await symlinkOnPath(target, path);
      if (link) throw badInput(`Refusing to write through symlink ${link}`);
      const destination = containedPath(target, path);
      const exists = await lstat(destination).then(
        () => true,
        () => false,
      );
      let landing = path;
      let backup: string | undefined;
      if (exists && !path.includes('/') && isAllowedExisting(path)) {
        landing = `${path}.csb-new`;
        report.keptBeside.push({ path, templateCopy: landing });
      } else if (exists) {
        backup = containedPath(backupRoot, path);
        await mkdir(dirname(backup), { recursive: true });
        await rename(destination, backup);
        report.overwritten.push(path);
      } else {
        report.created.push(path);
      }
      const landingAbs = containedPath(target, landing);
      const createdDir = await makeDirs(dirname(landingAbs));
      journal.push({ path: landing, backup, createdDir });
      await rename(containedPath(staging, path), landingAbs);
    }
  } catch (error) {
    for (const entry of journal.reverse()) {
      const abs = containedPath(target, entry.path);
      await rm(abs, { force: true });
      if (entry.backup) await rename(entry.backup, containedPath(target, originalOf(entry.path)));
      if (entry.createdDir) await rm(entry.createdDir, { recursive: true, force: true });
    }
    throw error;
  }
  if (report.overwritten.length > 0) {
    // Keep what --force replaced: the user can diff or restore it; nothing is ever lost.
    const keep = containedPath(target, `${BACKUP_DIR}/${Date.now()}`);
    await mkdir(dirname(keep), { recursive: true });
    await rename(backupRoot, keep);
    report.backupDir = keep;
  }
  return report;
}

const originalOf = (landing: string): string => landing.replace(/\.csb-new$/, '');
