import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Resolves a project-relative path under `root` and proves it stays there. Every path the CLI
 * writes goes through this: a template, an overlay or a module name can never write outside.
 */
export function containedPath(root: string, relativePath: string): string {
  if (relativePath === '' || relativePath.includes('\0')) {
    throw new Error(`refusing to write an empty or NUL-containing path`);
  }
  if (isAbsolute(relativePath) || /^[A-Za-z]:/.test(relativePath)) {
    throw new Error(`refusing to write absolute path ${JSON.stringify(relativePath)}`);
  }
  const absolute = resolve(root, relativePath);
  const rel = relative(root, absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new Error(`refusing to write ${JSON.stringify(relativePath)}: outside ${root}`);
  }
  return absolute;
}
