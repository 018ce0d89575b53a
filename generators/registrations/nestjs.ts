import type { GeneratorName, Registration } from '../index.js';

const ROUTES_FILE = 'src/modules/{{kebabCase module}}/http/{{kebabCase module}}-routes.ts';

/** A NestJS route is a controller of its own, listed in the module's HTTP module. */
export const nestjsRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {
  route: [
    {
      file: ROUTES_FILE,
      marker: 'csb:slot:route-imports',
      line: "import { {{pascalCase name}}RouteController } from './{{kebabCase name}}-route.ts';",
    },
    {
      file: ROUTES_FILE,
      marker: 'csb:slot:routes',
      line: '      {{pascalCase name}}RouteController,',
    },
  ],
};
