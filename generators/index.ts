import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { NodePlopAPI } from 'node-plop';
import { djangoRegistrations } from './registrations/django.js';
import { expressRegistrations } from './registrations/express.js';
import { fastapiRegistrations } from './registrations/fastapi.js';
import { fastifyRegistrations } from './registrations/fastify.js';
import { goRegistrations } from './registrations/go.js';
import { honoRegistrations } from './registrations/hono.js';
import { nestjsRegistrations } from './registrations/nestjs.js';
import { nodeRegistrations } from './registrations/node.js';
import { springBootRegistrations } from './registrations/spring-boot.js';

/**
 * plop generators for `create-scalable-backend add`. They render into memory only: the `render`
 * action hands each file to `collect`, and the CLI writes the whole set atomically and contained
 * (node-plop's own `add` action writes straight to disk with no containment check).
 */

export const GENERATOR_NAMES = ['module', 'route', 'event', 'job'] as const;
export type GeneratorName = (typeof GENERATOR_NAMES)[number];

/** What the templates are rendered with. `module` is the module a route, event or job goes into. */
export interface GeneratorAnswers {
  readonly name: string;
  readonly module?: string;
  /** route: the HTTP method. */
  readonly method?: 'get' | 'post';
  /** job: the interval, as typed (`5m`) and in milliseconds (a queue job may have none). */
  readonly every?: string;
  readonly everyMs?: number;
  /** job: the project has the job queue (the `jobs` feature), so the job is a queue job. */
  readonly queue?: boolean;
  /** The project's name (its Go module path), for templates that import the project's own packages. */
  readonly projectName?: string;
}

export interface RenderedFile {
  /** Project-relative POSIX path, rendered from the template's path. */
  readonly path: string;
  readonly content: string;
}

/**
 * A line to insert above a marker comment in a shared file (registration with the app). `file`,
 * `marker` and `line` are Handlebars templates rendered with the answers.
 */
export interface Registration {
  readonly file: string;
  readonly marker: string;
  readonly line: string;
  /** Documentation only: when the marker is gone the add goes on and says so. */
  readonly optional?: boolean;
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

/**
 * Registration lines per template source (a shared layer such as `node`, or a framework): where
 * the new code is wired into the app. A target's sources are its layers, then its own id.
 */
const REGISTRATIONS: Record<string, Partial<Record<GeneratorName, readonly Registration[]>>> = {
  node: nodeRegistrations,
  fastify: fastifyRegistrations,
  nestjs: nestjsRegistrations,
  express: expressRegistrations,
  hono: honoRegistrations,
  go: goRegistrations,
  django: djangoRegistrations,
  fastapi: fastapiRegistrations,
  'spring-boot': springBootRegistrations,
};

/** The registrations of a generator for a target whose template sources are `sources`, in order. */
export function registrationsFor(
  sources: readonly string[],
  generator: GeneratorName,
): readonly Registration[] {
  return sources.flatMap((source) => REGISTRATIONS[source]?.[generator] ?? []);
}

/**
 * Registers the generators on a node-plop instance. `templateDirs` are the generator's template
 * folders: ours for the project's framework (templates/modules/<framework>/<generator>/), then a
 * preset's; `files` lists a folder's content as listTemplateFiles does.
 */
export function registerGenerators(
  plop: NodePlopAPI,
  input: {
    /** The target's template sources: its layers, then its framework id (see registrationsFor). */
    sources: readonly string[];
    /** Template folders for a generator: ours, then any a team preset adds (extra files only). */
    templateDirs: (generator: GeneratorName) => readonly string[];
    files: (generator: GeneratorName, templateDir: string) => readonly string[];
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
    const file = api.renderString(registration.file, answers);
    input.sink.registration({
      ...registration,
      file,
      marker: api.renderString(registration.marker, answers),
      line: api.renderString(registration.line, answers),
    });
    return file;
  });
  // `{{#if (eq method "get")}}` in templates.
  plop.setHelper('eq', (a: unknown, b: unknown) => a === b);
  // A Go package name: lower-case letters and digits only (`order-items` → `orderitems`).
  plop.setHelper('goPackage', (text: unknown) =>
    String(text)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ''),
  );
  // A Java package name: hyphens become underscores, as the JLS naming convention says
  // (`order-items` → `order_items`), so the package still tells the words apart and a module
  // named by its package (`--module order_items`) renders the same class names.
  plop.setHelper('javaPackage', (text: unknown) =>
    String(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_'),
  );
  // A Flyway migration version: the UTC time to the millisecond (20261124093000123), so
  // migrations added on different branches, or by two `add module` runs in the same second,
  // never share a version. Flyway compares versions numerically, so they stay in time order.
  plop.setHelper('migrationVersion', () =>
    new Date().toISOString().replace(/\D/g, '').slice(0, 17),
  );

  for (const generator of GENERATOR_NAMES) {
    plop.setGenerator(generator, {
      description: `add a ${generator}`,
      prompts: [],
      actions: [
        ...input.templateDirs(generator).flatMap((dir) =>
          input.files(generator, dir).map((file) => ({
            type: 'render',
            path: file,
            templateFile: join(dir, file),
            abortOnFail: true,
          })),
        ),
        ...registrationsFor(input.sources, generator).map((registration) => ({
          type: 'register',
          registration,
          abortOnFail: true,
        })),
      ],
    });
  }
}
