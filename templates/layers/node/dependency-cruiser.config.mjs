/**
 * Module boundaries (npm run lint:arch). src/platform is shared infrastructure; src/modules/<name>
 * are business modules that talk to each other only through their index.ts.
 * @type {import('dependency-cruiser').IConfiguration}
 */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make modules impossible to reason about or extract.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-not-to-modules',
      severity: 'error',
      comment: 'The platform is shared by every module and must not depend on any of them.',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules/|modules\\.ts$|app\\.ts$)' },
    },
    {
      name: 'modules-only-through-index',
      severity: 'error',
      comment: "Another module's internals are off limits: import its index.ts.",
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/.+',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'business-logic-framework-free',
      severity: 'error',
      comment: 'domain/ and application/ hold business rules: no HTTP framework, no driver.',
      from: { path: '^src/modules/[^/]+/(domain|application)/' },
      to: { path: '^node_modules/(fastify|@fastify|express|hono|@hono|@nestjs|pg|@electric-sql)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
