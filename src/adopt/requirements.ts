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
    {
      kind: 'file',
      file: 'app/platform/database.py',
      consequence: 'generated repositories import the Database type from it and will not load',
    },
    {
      kind: 'file',
      file: 'app/platform/errors.py',
      consequence: 'generated routes raise HttpProblem from it and will not load',
    },
    {
      kind: 'file',
      file: 'app/platform/modules.py',
      consequence: 'generated modules build on AppModule from it and will not load',
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
  django: [
    {
      kind: 'marker',
      file: 'app/installed_modules.py',
      marker: 'csb:slot:modules',
      consequence:
        'add module will stop with exit 2 and print the line to add by hand until app/installed_modules.py has the marker comment',
    },
    {
      kind: 'file',
      file: 'app/platform/http/django_middleware.py',
      consequence:
        'generated views import json_body and problem_response from it and will not load',
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
  'spring-boot': [
    {
      kind: 'file',
      file: 'src/test/java/com/example/app/platform/testing/ApiTest.java',
      consequence: "generated modules' tests are annotated @ApiTest from it and will not compile",
    },
    {
      kind: 'file',
      file: 'src/test/java/com/example/app/platform/testing/ApiClient.java',
      consequence: "generated modules' tests call ApiClient.on from it and will not compile",
    },
  ],
  go: [
    {
      kind: 'marker',
      file: 'internal/app/modules.go',
      marker: 'csb:slot:module-imports',
      consequence:
        'add module will stop with exit 2 and print the lines to add by hand until internal/app/modules.go has the marker comments',
    },
    {
      kind: 'marker',
      file: 'internal/app/modules.go',
      marker: 'csb:slot:modules',
      consequence:
        'add module will stop with exit 2 and print the lines to add by hand until internal/app/modules.go has the marker comments',
    },
    {
      kind: 'file',
      file: 'internal/platform/database',
      consequence: 'generated modules use its DB, Conn and MigrationSet and will not compile',
    },
    {
      kind: 'file',
      file: 'internal/platform/events',
      consequence: 'generated modules and their tests use its Bus and will not compile',
    },
    {
      kind: 'file',
      file: 'internal/platform/httpserver',
      consequence:
        'generated routes answer through its WriteJSON/WriteProblem and will not compile',
    },
    {
      kind: 'file',
      file: 'internal/platform/jobs',
      consequence: "generated modules' tests build a jobs.Scheduler and will not compile",
    },
    {
      kind: 'file',
      file: 'internal/platform/lifecycle',
      consequence: "generated modules' tests build a lifecycle.Supervisor and will not compile",
    },
    {
      kind: 'file',
      file: 'internal/platform/modules',
      consequence: 'generated modules implement modules.Module from it and will not compile',
    },
    {
      kind: 'file',
      file: 'internal/platform/testdb',
      consequence: "generated modules' tests open their database with it and will not compile",
    },
  ],
};

/** What `add` needs in a project of `framework`: its layers' requirements, then its own. */
export function requirementsFor(framework: string): readonly Requirement[] {
  if (ADD_REQUIREMENTS[framework] === undefined) return [];
  return templateSources(framework).flatMap((source) => ADD_REQUIREMENTS[source] ?? []);
}
