import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a generated project keeps its business modules, one directory each. */
export const MODULES_DIR = 'src/modules';

/** The module directories under src/modules/, sorted; none when the folder is absent. */
export async function existingModules(projectDir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(projectDir, MODULES_DIR), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
