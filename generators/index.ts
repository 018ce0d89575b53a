import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { NodePlopAPI } from 'node-plop';

/**
 * plop generators for `create-scalable-backend add`. They render into memory only: the `render`
 * action hands each file to `collect`, and the CLI writes the whole set atomically and contained
 * (node-plop's own `add` action writes straight to disk with no containment check).
 */

export const GENERATOR_NAMES = ['module'] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];

export interface RenderedFile {
  /** Project-relative POSIX path, rendered from the template's path. */
  readonly path: string;
  readonly content: string;
}

/** A line to insert above a marker comment in a shared file (registration with the app). */
export interface Registration {
  readonly file: string;
  readonly marker: string;
  readonly line: string;
}

export interface GeneratorSink {
  file(file: RenderedFile): void;
  registration(registration: Registration): void;
}

const TEMPLATE_SUFFIX = '.hbs';

/** Every file under `dir`, as POSIX paths relative to it, sorted. */
export async function listTemplateFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Registration lines per generator and framework: where the new code is wired into the app. */
const REGISTRATIONS: Record<string, Record<GeneratorName, readonly Registration[]>> = {
  fastify: {
    module: [
      {
        file: 'src/modules.ts',
        marker: 'csb:slot:module-imports',
        line: "import { {{camelCase name}}Module } from './modules/{{kebabCase name}}/index.ts';",
      },
      { file: 'src/modules.ts', marker: 'csb:slot:modules', line: '  {{camelCase name}}Module,' },
    ],
  },
};

export function registrationsFor(
  framework: string,
  generator: GeneratorName,
): readonly Registration[] {
  return REGISTRATIONS[framework]?.[generator] ?? [];
}

/**
 * Registers the generators on a node-plop instance. `templateDir` is the generator's template
 * folder for the project's framework (templates/modules/<framework>/<generator>/), `files` its
 * content as listed by listTemplateFiles.
 */
export function registerGenerators(
  plop: NodePlopAPI,
  input: {
    framework: string;
    templateDir: (generator: GeneratorName) => string;
    files: (generator: GeneratorName) => readonly string[];
    readTemplate: (absolutePath: string) => string;
    sink: GeneratorSink;
  },
): void {
  plop.setActionType('render', (answers, config, api) => {
    const template = input.readTemplate(String(config.templateFile));
    const rendered = String(config.path).endsWith(TEMPLATE_SUFFIX)
      ? api.renderString(template, answers)
      : template;
    const path = api.renderString(String(config.path), answers).replace(/\.hbs$/, '');
    input.sink.file({ path, content: rendered });
    return path;
  });
  plop.setActionType('register', (answers, config, api) => {
    const registration = config.registration as Registration;
    input.sink.registration({
      ...registration,
      line: api.renderString(registration.line, answers),
    });
    return registration.file;
  });

  for (const generator of GENERATOR_NAMES) {
    plop.setGenerator(generator, {
      description: `add a ${generator}`,
      prompts: [],
      actions: [
        ...input.files(generator).map((file) => ({
          type: 'render',
          path: file,
          templateFile: join(input.templateDir(generator), file),
          abortOnFail: true,
        })),
        ...registrationsFor(input.framework, generator).map((registration) => ({
          type: 'register',
          registration,
          abortOnFail: true,
        })),
      ],
    });
  }
}
