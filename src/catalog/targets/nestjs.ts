import type { TargetDefinition } from './types.js';

export const nestjsTarget = {
  id: 'nestjs',
  displayName: 'NestJS 12 (TypeScript, Node.js 24)',
  description:
    'Opinionated framework with modules and dependency injection, for large or changing teams',
  ecosystem: 'node',
  // Runs on the Fastify adapter and shares the fastify target's hardened HTTP platform.
  layers: ['node', 'fastify-http'],
  supports: ['conformance', 'cache'],
  commands: {
    install: ['npm', 'ci', '--no-audit', '--no-fund'],
    build: ['npm', 'run', 'build'],
    typecheck: ['npm', 'run', 'typecheck'],
    lint: ['npm', 'run', 'lint'],
    test: ['npm', 'test'],
    start: ['node', '--import', './dist/telemetry.js', './dist/main.js'],
    migrate: ['node', './dist/migrate.js'],
    dev: ['npm', 'run', 'dev'],
  },
  keyFiles: ['package.json', 'src/app.ts', 'src/main.ts', 'src/platform/config.ts', 'Dockerfile'],
} as const satisfies TargetDefinition;
