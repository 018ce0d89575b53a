import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodePlop from 'node-plop';
import * as prettier from 'prettier';
import {
  listTemplateFiles,
  registerGenerators,
  type GeneratorAnswers,
  type GeneratorName,
  type Registration,
  type RenderedFile,
} from '../../generators/index.js';
import { badInput, CliError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { targets } from '../catalog/targets/index.js';
import { TEMPLATES_ROOT } from '../package-info.js';
import { formatTree, isFormatted, PRETTIER_OPTIONS } from '../render/format.js';
import { VirtualTree } from '../render/tree.js';
import { containedPath } from '../write/contain.js';
import { applyRegistrations, type MissingMarker } from './markers.js';

export interface Addition {
  /** New files, formatted like a fresh project. */
  readonly created: VirtualTree;
  /** Shared files with registration lines inserted (see `tidy`: only those lines change). */
  readonly modified: ReadonlyMap<string, string>;
  /** Optional registrations (documentation) whose marker the user removed: reported, not fatal. */
  readonly skipped: readonly MissingMarker[];
}

/**
 * Prettier runs on a modified shared file only when the file was prettier-clean before the
 * insertion; then at most the inserted lines change. A file the user formats differently is left
 * exactly as it was around the inserted lines (M05).
 */
async function tidy(path: string, before: string, after: string): Promise<string> {
  const external = externalFormatter(path);
  if (external !== undefined) return formatWith(external, after);
  if (!isFormatted(path)) return after;
  const options = { ...PRETTIER_OPTIONS, filepath: path };
  try {
    if (!(await prettier.check(before, options))) return after;
    return await prettier.format(after, options);
  } catch {
    return after; // a file prettier cannot parse is the user's business
  }
}

/**
 * Languages prettier does not format, formatted by their own canonical tool (stdin → stdout) when
 * it is on PATH. An inserted Go import must be sorted into its block, or the project's own gofmt
 * check fails.
 */
const EXTERNAL_FORMATTERS: Readonly<Record<string, readonly string[]>> = {
  '.go': ['gofmt'],
};

function externalFormatter(path: string): readonly string[] | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : EXTERNAL_FORMATTERS[path.slice(dot)];
}

/** The formatter's output, or the text unchanged when the tool is missing or rejects it. */
function formatWith(argv: readonly string[], text: string): string {
  const [command, ...args] = argv as [string, ...string[]];
  try {
    return execFileSync(command, args, { input: text, encoding: 'utf8', timeout: 30_000 });
  } catch {
    return text;
  }
}

/**
 * A target's template sources for `add`, in order: its shared layers, then its own id. Each source
 * may have a folder templates/modules/<source>/<generator>/ and registrations.
 */
export function templateSources(framework: string): readonly string[] {
  const target = targets.find((t) => t.id === framework);
  return [...(target?.layers ?? []), framework];
}

/** The generator's template folders that exist, in source order. */
export async function generatorTemplateDirs(
  framework: string,
  generator: GeneratorName,
  root = TEMPLATES_ROOT,
): Promise<string[]> {
  const dirs = templateSources(framework).map((source) => join(root, 'modules', source, generator));
  const present = await Promise.all(dirs.map((dir) => exists(dir)));
  return dirs.filter((_dir, index) => present[index]);
}

/** Renders a generator through node-plop into memory, then inserts its registrations. Writes nothing. */
export async function renderAddition(input: {
  projectDir: string;
  framework: string;
  generator: GeneratorName;
  answers: GeneratorAnswers;
  /** A team preset's extra template folder for this generator (files only, no registrations). */
  presetTemplateDir?: string | undefined;
}): Promise<Addition> {
  const ours = await generatorTemplateDirs(input.framework, input.generator);
  // A framework supports a generator when it has its own folder for it (layers only complete it).
  if (!ours.includes(join(TEMPLATES_ROOT, 'modules', input.framework, input.generator))) {
    throw badInput(`"add ${input.generator}" is not available for ${input.framework} projects yet`);
  }
  const templateDirs = [...ours, ...(input.presetTemplateDir ? [input.presetTemplateDir] : [])];
  const files = new Map<string, string[]>();
  for (const dir of templateDirs) files.set(dir, await listTemplateFiles(dir));
  const rendered: RenderedFile[] = [];
  const registrations: Registration[] = [];
  const plop = await nodePlop(undefined, { destBasePath: input.projectDir, force: false });
  registerGenerators(plop, {
    sources: templateSources(input.framework),
    templateDirs: () => templateDirs,
    files: (_generator, dir) => files.get(dir) ?? [],
    readTemplate: (path) => readFileSync(path, 'utf8'),
    sink: { file: (f) => rendered.push(f), registration: (r) => registrations.push(r) },
  });
  const result = await plop.getGenerator(input.generator).runActions({ ...input.answers });
  if (result.failures.length > 0) {
    const first = result.failures[0]!;
    throw new CliError(
      `internal: generator ${input.generator} failed at ${first.path}: ${first.error}`,
      EXIT.internal,
    );
  }

  const created = new VirtualTree();
  for (const file of rendered) {
    containedPath(input.projectDir, file.path); // a template path can never leave the project
    if (created.has(file.path)) {
      throw badInput(
        `the preset's "add ${input.generator}" templates would replace our ${file.path}; a preset may only add files`,
      );
    }
    const external = externalFormatter(file.path);
    created.write(file.path, external ? formatWith(external, file.content) : file.content);
  }
  await formatTree(created);

  const shared = [...new Set(registrations.map((r) => r.file))];
  const texts = new Map<string, string | undefined>();
  for (const file of shared) {
    texts.set(
      file,
      await readFile(containedPath(input.projectDir, file), 'utf8').catch(() => undefined),
    );
  }
  const { updated, missing: allMissing } = applyRegistrations(texts, registrations);
  const skipped = allMissing.filter((m) => m.optional);
  const missing = allMissing.filter((m) => !m.optional);
  if (missing.length > 0) {
    const lines = missing.map(
      (m) => `  ${m.file}: the "// ${m.marker}" marker; add by hand:\n      ${m.snippet}`,
    );
    throw badInput(
      `cannot find the insertion point${missing.length > 1 ? 's' : ''}; nothing was written:\n${lines.join('\n')}\n` +
        `(or restore the marker comment${missing.length > 1 ? 's' : ''} and run the command again)`,
    );
  }
  const modified = new Map<string, string>();
  for (const [path, text] of updated) modified.set(path, await tidy(path, texts.get(path)!, text));
  return { created, modified, skipped };
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Files the generator would create that are already there: never overwritten (M02). */
export async function collisions(projectDir: string, created: VirtualTree): Promise<string[]> {
  const found: string[] = [];
  for (const path of created.paths()) if (await exists(join(projectDir, path))) found.push(path);
  return found;
}
