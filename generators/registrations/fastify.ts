import type { GeneratorName, Registration } from '../index.js';

/** A Fastify route is a plugin registered in the module's routes plugin. */
export const fastifyRegistrations: Partial<Record<GeneratorName, readonly Registration[]>> = {
  route: [
    {
      file: 'src/modules/{{kebabCase module}}/http/{{kebabCase module}}-routes.ts',
      marker: 'csb:slot:route-imports',
      line: "import { {{camelCase name}}Route } from './{{kebabCase name}}-route.ts';",
    },
    {
      file: 'src/modules/{{kebabCase module}}/http/{{kebabCase module}}-routes.ts',
      marker: 'csb:slot:routes',
      line: '    await app.register({{camelCase name}}Route);',
    },
  ],
};
