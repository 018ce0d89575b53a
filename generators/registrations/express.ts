import type { GeneratorName, Registration } from '../index.js';

/** An Express route is a function that adds itself to the module's router. */
export const expressRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {
  route: [
    {
      file: 'src/modules/{{kebabCase module}}/http/{{kebabCase module}}-routes.ts',
      marker: 'csb:slot:route-imports',
      line: "import { {{camelCase name}}Route } from './{{kebabCase name}}-route.ts';",
    },
    {
      file: 'src/modules/{{kebabCase module}}/http/{{kebabCase module}}-routes.ts',
      marker: 'csb:slot:routes',
      line: '  {{camelCase name}}Route(router);',
    },
  ],
};
