import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { badInput, CliError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import type { VirtualTree } from '../render/tree.js';
import { containedPath } from './contain.js';
import { beforeWrite } from './faults.js';
import { symlinkOnPath } from './preflight.js';
import type { SignalGuard } from './signals.js';

interface JournalEntry {
  readonly absolute: string;
  /** The file's bytes and mode before we wrote it; undefined when we created it. */
  readonly previous?: { content: Buffer; mode: number };
  /** Topmost directory we created for it, removed on rollback. */
  readonly createdDir?: string;
}

async function previousOf(
  absolute: string,
): Promise<{ content: Buffer; mode: number } | undefined> {
  try {
    const info = await stat(absolute);
    return { content: await readFile(absolute), mode: info.mode & 0o7777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function makeDirs(dir: string): Promise<string | undefined> {
  let topmost: string | undefined;
  for (let current = dir; ; current = dirname(current)) {
    try {
      await stat(current);
      break;
    } catch {
      topmost = current;
      if (dirname(current) === current) break;
    }
  }
  await mkdir(dir, { recursive: true });
  return topmost;
}

/**
 * Writes a set of files (new or replacing) into an existing project, all or nothing: every path
 * is proven contained and symlink-free first; each file lands by an atomic rename; on a failure
 * or a signal every file already written is restored from the journal, in reverse order.
 */
export async function applyFiles(
  tree: VirtualTree,
  root: string,
  guard: SignalGuard,
): Promise<void> {
  const targets = new Map<string, string>();
  for (const path of tree.paths()) {
    const link = await symlinkOnPath(root, path);
    if (link) throw badInput(`Refusing to write through symlink ${link}`);
    targets.set(path, containedPath(root, path));
  }
  const journal: JournalEntry[] = [];
  try {
    let index = 0;
    for (const [path, absolute] of targets) {
      index += 1;
      await guard.settle();
      beforeWrite(index);
      const previous = await previousOf(absolute);
      const createdDir = await makeDirs(dirname(absolute));
      journal.push({ absolute, previous, createdDir });
      const file = tree.get(path)!;
      const temporary = join(dirname(absolute), `.csb-tmp-${process.pid}-${index}`);
      await writeFile(temporary, file.content, { mode: previous?.mode ?? file.mode });
      await rename(temporary, absolute);
    }
    await guard.settle();
  } catch (error) {
    for (const entry of journal.reverse()) {
      if (entry.previous) {
        await writeFile(entry.absolute, entry.previous.content);
        await chmod(entry.absolute, entry.previous.mode);
      } else {
        await rm(entry.absolute, { force: true });
      }
      if (entry.createdDir) await rm(entry.createdDir, { recursive: true, force: true });
    }
    await Promise.all(
      [...targets.values()].map((absolute, i) =>
        rm(join(dirname(absolute), `.csb-tmp-${process.pid}-${i + 1}`), { force: true }),
      ),
    );
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `Could not write (${code ?? 'error'}: ${(error as Error).message}); every change was rolled back.`,
      EXIT.internal,
    );
  }
}
