import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATES_ROOT } from '../package-info.js';

/** The frameworks `add` has templates for: the folders of templates/modules/, sorted. */
export async function frameworksWithAddTemplates(root = TEMPLATES_ROOT): Promise<string[]> {
  try {
    const entries = await readdir(join(root, 'modules'), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
