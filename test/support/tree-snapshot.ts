import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface Entry {
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  mode: number;
  size: number;
  sha256?: string;
  symlinkTarget?: string;
}

/**
 * A before/after fingerprint of a directory (reliability.md D: "nothing lost"): every entry's
 * path, type, mode, size, content hash and symlink target, sorted. Equal snapshots mean nothing
 * was added, removed or changed.
 */
export async function treeSnapshot(root: string): Promise<Entry[]> {
  const out: Entry[] = [];
  async function visit(rel: string): Promise<void> {
    const abs = rel ? join(root, rel) : root;
    let names: string[];
    try {
      names = await readdir(abs);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const info = await lstat(join(root, path));
      const entry: Entry = {
        path,
        type: info.isSymbolicLink()
          ? 'symlink'
          : info.isDirectory()
            ? 'dir'
            : info.isFile()
              ? 'file'
              : 'other',
        mode: info.mode & 0o7777,
        size: info.isDirectory() ? 0 : info.size,
      };
      if (entry.type === 'file') {
        entry.sha256 = createHash('sha256')
          .update(await readFile(join(root, path)))
          .digest('hex');
      }
      if (entry.type === 'symlink') entry.symlinkTarget = await readlink(join(root, path));
      out.push(entry);
      if (entry.type === 'dir') await visit(path);
    }
  }
  await visit('');
  return out;
}
