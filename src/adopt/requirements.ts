import { templateSources } from '../add/render-addition.js';

/**
 * What `add` expects to find in a project, per framework, as data: the marker comments its
 * generators insert registrations above, and the project files the generated code imports.
 * Adopt reports the ones a repository lacks; it never creates them. Kept in step with
 * generators/index.ts and templates/modules/ by test/unit/adopt/requirements.test.ts.
 */
export type Requirement =
  | {
      readonly kind: 'marker';
      readonly file: string;
      readonly marker: string;
      /** What happens while it is missing. */
      readonly consequence: string;
    }
  | {
      readonly kind: 'file';
      readonly file: string;
      readonly consequence: string;
    };

const MARKER_CONSEQUENCE =
  'add module will stop with exit 2 and print the lines to add by hand until src/modules.ts has the marker comments';

/**
 * Keyed by template source, as the generators' registrations are: a shared layer (`node`) or a
 * framework. A framework's requirements are those of its layers plus its own.
 */
export const ADD_REQUIREMENTS: Readonly<Record<string, readonly Requirement[]>> = {
  node: [
    {
      kind: 'marker',
      file: 'src/modules.ts',
      marker: 'csb:slot:module-imports',
      consequence: MARKER_CONSEQUENCE,
    },
    {
      kind: 'marker',
      file: 'src/modules.ts',
      marker: 'csb:slot:modules',
      consequence: MARKER_CONSEQUENCE,
    },
    {
      kind: 'file',
      file: 'src/platform/app-module.ts',
      consequence: 'generated modules import the AppModule type from it and will not compile',
    },
    {
      kind: 'file',
      file: 'src/platform/errors.ts',
      consequence:
        'generated modules import NotFoundError and InvalidInputError from it and will not compile',
    },
    {
      kind: 'file',
      file: 'src/platform/database/database.ts',
      consequence: 'generated repositories import the Database type from it and will not compile',
    },
  ],
  fastapi: [
    {
      kind: 'marker',
      file: 'app/modules/__init__.py',
      marker: 'csb:slot:module-imports',
      consequence:
        'add module will stop with exit 2 and print the lines to add by hand until app/modules/__init__.py has the marker comments',
    },
    {
      kind: 'marker',
      file: 'app/modules/__init__.py',
      marker: 'csb:slot:modules',
      consequence:
        'add module will stop with exit 2 and print the lines to add by hand until app/modules/__init__.py has the marker comments',
    },
  ],
  fastify: [
    {
      kind: 'file',
      file: 'test/support/test-app.ts',
      consequence: "generated modules' tests import createTestApp from it and will not run",
    },
    {
      kind: 'file',
      file: 'test/support/test-database.ts',
      consequence: "generated modules' tests import createTestDatabase from it and will not run",
    },
  ],
  express: [
    {
      kind: 'file',
      file: 'src/platform/http/validation.ts',
      consequence: 'generated routes import parseRequest from it and will not compile',
    },
    {
      kind: 'file',
      file: 'test/support/test-app.ts',
      consequence: "generated modules' tests import createTestApp from it and will not run",
    },
    {
      kind: 'file',
      file: 'test/support/test-database.ts',
      consequence: "generated modules' tests import createTestDatabase from it and will not run",
    },
  ],
  hono: [
    {
      kind: 'file',
      file: 'src/platform/http/app-env.ts',
      consequence: 'generated routes import the AppEnv type from it and will not compile',
    },
    {
      kind: 'file',
      file: 'src/platform/http/validation.ts',
      consequence: 'generated routes import rejectInvalid from it and will not compile',
    },
    {
      kind: 'file',
      file: 'test/support/test-app.ts',
      consequence: "generated modules' tests import createTestApp from it and will not run",
    },
    {
      kind: 'file',
      file: 'test/support/test-database.ts',
      consequence: "generated modules' tests import createTestDatabase from it and will not run",
    },
  ],
  nestjs: [
    {
      kind: 'file',
      file: 'src/platform/http/deadline.ts',
      consequence:
        'generated controllers import the @Deadline() decorator from it and will not compile',
    },
    {
      kind: 'file',
      file: 'test/support/test-app.ts',
      consequence: "generated modules' tests import createTestApp from it and will not run",
    },
    {
      kind: 'file',
      file: 'test/support/test-database.ts',
      consequence: "generated modules' tests import createTestDatabase from it and will not run",
    },
  ],
};

/** What `add` needs in a project of `framework`: its layers' requirements, then its own. */
export function requirementsFor(framework: string): readonly Requirement[] {
  if (ADD_REQUIREMENTS[framework] === undefined) return [];
  return templateSources(framework).flatMap((source) => ADD_REQUIREMENTS[source] ?? []);
}
