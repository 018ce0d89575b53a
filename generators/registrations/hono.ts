import type { GeneratorName, Registration } from '../index.js';

/**
 * A Hono route is a function that adds itself to the module's sub-app; the module's routes file
 * calls it above the parametric routes (Hono matches in registration order).
 */
export const honoRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {
  route: [
    {
      file: 'src/modules/{{kebabCase module}}/http/{{kebabCase module}}-routes.ts',
      marker: 'csb:slot:route-imports',
      line: "import { {{camelCase name}}Route } from './{{kebabCase name}}-route.ts';",
    },
    {
      file: 'src/modules/{{kebabCase module}}/http/{{kebabCase module}}-routes.ts',
      marker: 'csb:slot:routes',
      line: '  {{camelCase name}}Route(app);',
    },
  ],
};
