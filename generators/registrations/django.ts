import type { GeneratorName, Registration } from '../index.js';

const MODULE_APPS = 'app/modules/{{snakeCase module}}/apps.py';
const MODULE_URLS = 'app/modules/{{snakeCase module}}/urls.py';

/**
 * A Django module is an app listed in app/installed_modules.py (INSTALLED_APPS and the root URLs
 * follow it); routes are added to the module's urls.py; event handlers and jobs are wired in the
 * module's AppConfig.ready(), when every app is loaded.
 */
export const djangoRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {
  module: [
    {
      file: 'app/installed_modules.py',
      marker: 'csb:slot:modules',
      line: '    "{{snakeCase name}}",',
    },
  ],
  route: [
    {
      file: MODULE_URLS,
      marker: 'csb:slot:route-imports',
      line: 'from app.modules.{{snakeCase module}}.routes.{{snakeCase name}} import {{snakeCase name}}_view',
    },
    {
      file: MODULE_URLS,
      marker: 'csb:slot:routes',
      line: '    path("{{kebabCase module}}/{{kebabCase name}}", {{snakeCase name}}_view),',
    },
  ],
  event: [
    {
      file: MODULE_APPS,
      marker: 'csb:slot:imports',
      line: 'from app.modules.{{snakeCase module}}.events.{{snakeCase name}} import register_{{snakeCase name}}_handlers',
    },
    {
      file: MODULE_APPS,
      marker: 'csb:slot:event-handlers',
      line: '        register_{{snakeCase name}}_handlers()',
    },
  ],
  job: [
    {
      file: MODULE_APPS,
      marker: 'csb:slot:imports',
      line: 'from app.modules.{{snakeCase module}}.jobs.{{snakeCase name}} import register_{{snakeCase name}}_job',
    },
    {
      file: MODULE_APPS,
      marker: 'csb:slot:jobs',
      line: '        register_{{snakeCase name}}_job()',
    },
  ],
};
