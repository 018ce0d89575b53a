import * as prettier from 'prettier';
import type { VirtualTree } from './tree.js';

/** The style generated code is written in; also shipped as the project's own .prettierrc.json. */
export const PRETTIER_OPTIONS = {
  singleQuote: true,
  printWidth: 100,
  trailingComma: 'all',
} as const satisfies prettier.Options;

const FORMATTED = /\.(ts|mts|cts|js|mjs|cjs|json|ya?ml|md)$/;
/** Lockfiles are machine-written and huge; formatting them would only churn. */
const NEVER_FORMATTED = new Set(['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock']);

export function isFormatted(path: string): boolean {
  const base = path.split('/').pop() ?? path;
  return FORMATTED.test(path) && !NEVER_FORMATTED.has(base);
}

/**
 * Formats the rendered TS/JS/JSON/YAML/Markdown files of the tree with prettier, in memory.
 * Verbatim copies are skipped: they are prettier-clean already (test/contract), and formatting
 * them was most of the time a scaffold took.
 */
export async function formatTree(tree: VirtualTree): Promise<void> {
  for (const path of tree.paths()) {
    const file = tree.get(path)!;
    if (!file.rendered || !isFormatted(path)) continue;
    try {
      const formatted = await prettier.format(file.content.toString('utf8'), {
        ...PRETTIER_OPTIONS,
        filepath: path,
      });
      tree.write(path, formatted, file.mode);
    } catch (error) {
      // A template that renders to unparsable code is our bug, never the user's: fail loudly.
      throw new Error(`generated file ${path} does not parse: ${(error as Error).message}`);
    }
  }
}
