import type { GeneratorName, Registration } from '../index.js';

const MODULE_INDEX = 'src/modules/{{kebabCase module}}/index.ts';

/**
 * Registrations every Node target shares: a module is listed in src/modules.ts and drawn on the
 * module map; events and jobs are wired in the module's index.ts. Routes are framework-specific.
 */
export const nodeRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {
  module: [
    {
      file: 'src/modules.ts',
      marker: 'csb:slot:module-imports',
      line: "import { {{camelCase name}}Module } from './modules/{{kebabCase name}}/index.ts';",
    },
    { file: 'src/modules.ts', marker: 'csb:slot:modules', line: '  {{camelCase name}}Module,' },
    {
      file: 'docs/architecture.md',
      marker: 'csb:slot:module-map',
      line: '    mod_{{snakeCase name}}["{{kebabCase name}}<br/>(index.ts · http · application · domain · infrastructure)"]',
      optional: true,
    },
    {
      file: 'docs/architecture.md',
      marker: 'csb:slot:module-edges',
      line: '  registry --> mod_{{snakeCase name}}',
      optional: true,
    },
  ],
  event: [
    {
      file: MODULE_INDEX,
      marker: 'csb:slot:imports',
      line: "import { {{camelCase name}} } from './events/{{kebabCase name}}.ts';",
    },
    {
      file: MODULE_INDEX,
      marker: 'csb:slot:imports',
      line: "import { on{{pascalCase name}} } from './events/on-{{kebabCase name}}.ts';",
    },
    {
      file: MODULE_INDEX,
      marker: 'csb:slot:exports',
      line: "export { {{camelCase name}}, type {{pascalCase name}} } from './events/{{kebabCase name}}.ts';",
    },
    {
      file: MODULE_INDEX,
      marker: 'csb:slot:event-handlers',
      line: "    deps.events.subscribe({{camelCase name}}, '{{kebabCase module}}.on-{{kebabCase name}}', on{{pascalCase name}}(deps.logger));",
    },
  ],
  job: [
    {
      file: MODULE_INDEX,
      marker: 'csb:slot:imports',
      line: "import { {{camelCase name}}Job{{#if queue}}{{#if every}}, {{camelCase name}}Schedule{{/if}}{{/if}} } from './jobs/{{kebabCase name}}.ts';",
    },
    {
      file: MODULE_INDEX,
      marker: 'csb:slot:jobs',
      // A queue job is registered for the worker (and enqueued by its timer with --every);
      // without the jobs feature, a timer job runs in each replica.
      line: '{{#if queue}}    deps.queue.register({{camelCase name}}Job(deps));{{#if every}} deps.jobs.schedule({{camelCase name}}Schedule(deps));{{/if}}{{else}}    deps.jobs.schedule({{camelCase name}}Job(deps));{{/if}}',
    },
  ],
};
