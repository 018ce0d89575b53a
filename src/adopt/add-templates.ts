import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { targets } from '../catalog/targets/index.js';
import { TEMPLATES_ROOT } from '../package-info.js';

/**
 * The frameworks `add` has templates for: targets with a folder in templates/modules/, sorted.
 * (That folder also holds shared layers such as `node`, which are not frameworks.)
 */
export async function frameworksWithAddTemplates(root = TEMPLATES_ROOT): Promise<string[]> {
  try {
    const entries = await readdir(join(root, 'modules'), { withFileTypes: true });
    const ids = new Set<string>(targets.map((target) => target.id));
    return entries
      .filter((entry) => entry.isDirectory() && ids.has(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
