import type { TargetDefinition } from './types.js';

export const fastifyTarget = {
  id: 'fastify',
  displayName: 'Fastify 5 (TypeScript, Node.js 24)',
  description: 'Low-overhead Node.js HTTP framework with schemas, hooks and encapsulated plugins',
  ecosystem: 'node',
  layers: ['node', 'fastify-http'],
  supports: ['conformance', 'cache', 'realtime', 'jobs'],
  commands: {
    install: ['npm', 'ci', '--no-audit', '--no-fund'],
    build: ['npm', 'run', 'build'],
    typecheck: ['npm', 'run', 'typecheck'],
    lint: ['npm', 'run', 'lint'],
    test: ['npm', 'test'],
    start: ['node', '--import', './dist/telemetry.js', './dist/main.js'],
    migrate: ['node', './dist/migrate.js'],
    dev: ['npm', 'run', 'dev'],
    worker: ['node', '--import', './dist/telemetry.js', './dist/worker.js'],
  },
  keyFiles: ['package.json', 'src/app.ts', 'src/main.ts', 'src/platform/config.ts', 'Dockerfile'],
} as const satisfies TargetDefinition;
