import type { GeneratorName, Registration } from '../index.js';

const MODULE_GO = 'internal/modules/{{kebabCase module}}/module.go';

/**
 * Go wiring: a module is constructed in internal/app/modules.go; routes, event handlers and jobs
 * are registered in the module's module.go. Modified .go files are gofmt-formatted by `add`.
 */
export const goRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {
  module: [
    {
      file: 'internal/app/modules.go',
      marker: 'csb:slot:module-imports',
      line: '\t"{{projectName}}/internal/modules/{{kebabCase name}}"',
    },
    {
      file: 'internal/app/modules.go',
      marker: 'csb:slot:modules',
      line: '\t\t{{goPackage name}}.New(deps),',
    },
  ],
  route: [
    {
      file: MODULE_GO,
      marker: 'csb:slot:routes',
      line: '\tmux.HandleFunc("{{upperCase method}} /{{kebabCase module}}/{{kebabCase name}}", m.handle{{pascalCase name}})',
    },
  ],
  event: [
    {
      file: MODULE_GO,
      marker: 'csb:slot:event-handlers',
      line: '\tdeps.Events.Subscribe({{pascalCase name}}{}.EventName(), m.on{{pascalCase name}})',
    },
  ],
  job: [
    {
      file: MODULE_GO,
      marker: 'csb:slot:jobs',
      line: '\tdeps.Jobs.Add(m.{{camelCase name}}Job())',
    },
  ],
};
