import type { TargetDefinition } from './types.js';

export const expressTarget = {
  id: 'express',
  displayName: 'Express 5 (TypeScript, Node.js 24)',
  description:
    'The most widely known Node.js web framework: minimal core, middleware for everything',
  ecosystem: 'node',
  layers: ['node'],
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
