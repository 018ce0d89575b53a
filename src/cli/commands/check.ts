import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { conflictMarkerLines, isLeftoverFile } from '../../check/conflict-markers.js';
import { insideGitWorkTree } from '../../post/git.js';
import { badInput } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { say } from '../output.js';

export interface CheckOptions {
  directory?: string;
}

/** Larger files are data, not code a merge could have left markers in. */
const MAX_SCANNED_BYTES = 2 * 1024 * 1024;

/**
 * Fails (exit 4) while an update's conflicts are unresolved: unmerged paths, conflict markers in
 * tracked or new files, or `.rej`/`.orig` leftovers. Meant for CI and a pre-commit hook.
 */
export async function runCheck(options: CheckOptions): Promise<number> {
  const projectDir = resolve(options.directory ?? process.cwd());
  if (!(await insideGitWorkTree(projectDir))) {
    throw badInput(`${projectDir} is not a git repository; check looks at the files git knows`);
  }
  const listed = await execa(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
    { cwd: projectDir },
  );
  const unmerged = await execa('git', ['diff', '--name-only', '-z', '--diff-filter=U'], {
    cwd: projectDir,
  });
  const problems = new Map<string, string>();
  for (const path of unmerged.stdout.split('\0').filter(Boolean)) {
    problems.set(path, 'unmerged (git merge in progress)');
  }
  for (const path of listed.stdout.split('\0').filter(Boolean)) {
    if (problems.has(path)) continue;
    if (isLeftoverFile(path)) {
      problems.set(path, 'leftover reject or backup file');
      continue;
    }
    const file = join(projectDir, path);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.size > MAX_SCANNED_BYTES) continue;
    const lines = conflictMarkerLines(await readFile(file, 'utf8'));
    if (lines.length > 0) problems.set(path, `conflict markers at line ${lines.join(', ')}`);
  }
  if (problems.size === 0) {
    say('No unresolved update conflicts.');
    return EXIT.ok;
  }
  say(`Unresolved update conflicts in ${problems.size} file(s):`);
  for (const [path, what] of [...problems].sort(([a], [b]) => a.localeCompare(b))) {
    say(`  ${path}: ${what}`);
  }
  return EXIT.updateConflicts;
}
