import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found by walking up from this file (works from src/ under jest and from dist/). */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'create-scalable-backend') return dir;
    } catch {
      // not here; keep walking
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('create-scalable-backend: package root not found');
    dir = up;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
/**
 * Where the templates are read from. CSB_TEMPLATES_ROOT is TEST-ONLY: the update round-trip tests
 * point it at a modified copy of templates/ to play the part of a newer generator version.
 */
export const TEMPLATES_ROOT = process.env.CSB_TEMPLATES_ROOT || join(PACKAGE_ROOT, 'templates');
export const GENERATOR_VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
