import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The nearest directory at or above `dir` that holds `.git`, found on the filesystem alone so a
 * dry run can answer it without spawning git.
 */
export async function enclosingGitRoot(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    try {
      await stat(join(current, '.git'));
      return current;
    } catch {
      if (dirname(current) === current) return undefined;
    }
  }
}
