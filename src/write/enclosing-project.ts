import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const PROJECT_MARKERS = ['package.json', 'pnpm-workspace.yaml', 'yarn.lock', 'package-lock.json'];

/**
 * The nearest ancestor that is itself a JavaScript project or workspace, if any (G21): generating
 * inside one is allowed, but the user should know that its tooling may pick the new project up.
 */
export async function enclosingJsProject(dir: string): Promise<string | undefined> {
  for (let current = dirname(dir); ; current = dirname(current)) {
    for (const marker of PROJECT_MARKERS) {
      try {
        await access(join(current, marker));
        return join(current, marker);
      } catch {
        // keep looking
      }
    }
    if (dirname(current) === current) return undefined;
  }
}
