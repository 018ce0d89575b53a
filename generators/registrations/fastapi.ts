import type { GeneratorName, Registration } from '../index.js';

const MODULE_INIT = 'app/modules/{{snakeCase module}}/__init__.py';

/**
 * FastAPI: a module is listed in app/modules/__init__.py; a route is registered on the module's
 * router (http.py); events and jobs are wired in the module's __init__.py, which also re-exports
 * an event as part of the module's public API.
 */
export const fastapiRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {
  module: [
    {
      file: 'app/modules/__init__.py',
      marker: 'csb:slot:module-imports',
      line: 'from app.modules import {{snakeCase name}}',
    },
    {
      file: 'app/modules/__init__.py',
      marker: 'csb:slot:modules',
      line: '    {{snakeCase name}}.module,',
    },
  ],
  route: [
    {
      file: 'app/modules/{{snakeCase module}}/http.py',
      marker: 'csb:slot:route-imports',
      line: 'from app.modules.{{snakeCase module}}.{{snakeCase name}}_route import register_{{snakeCase name}}',
    },
    {
      file: 'app/modules/{{snakeCase module}}/http.py',
      marker: 'csb:slot:routes',
      line: '    register_{{snakeCase name}}(router)',
    },
  ],
  event: [
    {
      file: MODULE_INIT,
      marker: 'csb:slot:imports',
      line: 'from app.modules.{{snakeCase module}}.{{snakeCase name}}_event import {{constantCase name}}, on_{{snakeCase name}}, {{snakeCase name}}',
    },
    {
      file: MODULE_INIT,
      marker: 'csb:slot:exports',
      line: '__all__ += ["{{constantCase name}}", "{{snakeCase name}}"]',
    },
    {
      file: MODULE_INIT,
      marker: 'csb:slot:event-handlers',
      line: '    deps.events.subscribe({{constantCase name}}, on_{{snakeCase name}})',
    },
  ],
  job: [
    {
      file: MODULE_INIT,
      marker: 'csb:slot:imports',
      line: 'from app.modules.{{snakeCase module}}.{{snakeCase name}}_job import {{snakeCase name}}_job',
    },
    {
      file: MODULE_INIT,
      marker: 'csb:slot:jobs',
      line: '    deps.jobs.add({{snakeCase name}}_job(deps))',
    },
  ],
};
