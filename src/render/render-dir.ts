import { readdir, readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type Handlebars from 'handlebars';
import { renderTemplate } from './engine.js';
import type { VirtualTree } from './tree.js';

/** npm publish drops or renames some dotfiles, so templates store them under these names. */
export const RENAMED_FILES: Readonly<Record<string, string>> = {
  _gitignore: '.gitignore',
  _npmrc: '.npmrc',
};

export const TEMPLATE_SUFFIX = '.hbs';

/** Where a template file lands in the project: `.hbs` stripped, stored dotfile names restored. */
export function outputPath(relativeTemplatePath: string): string {
  const dir = posix.dirname(relativeTemplatePath);
  let base = posix.basename(relativeTemplatePath);
  if (base.endsWith(TEMPLATE_SUFFIX)) base = base.slice(0, -TEMPLATE_SUFFIX.length);
  base = RENAMED_FILES[base] ?? base;
  return dir === '.' ? base : `${dir}/${base}`;
}

async function* walk(root: string, relative = ''): AsyncGenerator<string> {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(root, rel);
    else if (entry.isFile()) yield rel;
    // Symlinks and special files in a template are ignored on purpose: a template must be plain files.
  }
}

/**
 * Renders a template directory into the tree: only `*.hbs` files go through Handlebars, every
 * other file is copied byte for byte (GitHub workflows and Helm charts contain `{{` of their own).
 * Later layers overwrite earlier ones, which is how feature overlays apply. A `.hbs` file that
 * renders to nothing but whitespace is not written: that is how a file exists only for some
 * answers (wrap its whole content in `{{#if ...}}`).
 */
export async function renderDirectory(
  engine: typeof Handlebars,
  templateRoot: string,
  context: object,
  tree: VirtualTree,
): Promise<void> {
  for await (const rel of walk(templateRoot)) {
    const absolute = join(templateRoot, rel);
    const { mode } = await stat(absolute);
    const raw = await readFile(absolute);
    const rendered = rel.endsWith(TEMPLATE_SUFFIX);
    const content = rendered ? renderTemplate(engine, raw.toString('utf8'), context, rel) : raw;
    if (rendered && (content as string).trim() === '') continue;
    tree.write(outputPath(rel), content, mode & 0o777, rendered);
  }
}
