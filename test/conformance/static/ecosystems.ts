import type { TargetDefinition } from '../../../src/catalog/targets/types.js';

/**
 * What the static checks expect of a generated project, per ecosystem: the same contract rule
 * (C69-C74, C79, C91), spelled in each toolchain's terms. A new ecosystem adds one entry.
 */
export interface EcosystemExpectations {
  /** C69: the final stage's image (registry/name:tag). */
  runtimeImage: RegExp;
  /** C69: the build stages install from the lockfile, build, and leave dev dependencies out. */
  buildSteps: readonly RegExp[];
  /** C72: the in-image HEALTHCHECK client argv, and how the host runs it to test it. */
  healthcheck: readonly string[];
  healthcheckOnHost: { command: string; args: readonly string[] };
  /** C74: production env the image sets besides the OpenTelemetry ones. */
  productionEnv: Readonly<Record<string, string>>;
  /** C74: .dockerignore excludes these and keeps those. */
  ignored: readonly string[];
  kept: readonly string[];
  /** C79: the runtime memory flag derived from the memory limit, when the runtime has one. */
  heapFlag?: { env: string; pattern: RegExp };
  /** C91: the committed lockfile and the frozen-install argv prefix. */
  lockfile: string;
  frozenInstall: readonly string[];
}

const node: EcosystemExpectations = {
  runtimeImage: /(nodejs|node:)24/,
  buildSteps: [/\bnpm ci\b/, /\bnpm run build\b/, /\bnpm prune --omit=dev\b/],
  healthcheck: ['node', 'dist/healthcheck.js'],
  healthcheckOnHost: { command: process.execPath, args: ['src/healthcheck.ts'] },
  productionEnv: { NODE_ENV: 'production' },
  ignored: ['node_modules/fastify/package.json', 'dist/main.js', 'coverage/lcov.info'],
  kept: ['package.json', 'package-lock.json', 'tsconfig.json', 'src/main.ts'],
  heapFlag: { env: 'NODE_OPTIONS', pattern: /--max-old-space-size=(\d+)/ },
  lockfile: 'package-lock.json',
  frozenInstall: ['npm', 'ci'],
};

const python: EcosystemExpectations = {
  runtimeImage: /python3-debian12|python:3\.1\d/,
  buildSteps: [/\buv sync --frozen --no-dev\b/, /-m app\.build\b/],
  healthcheck: ['.venv/bin/python', '-m', 'app.healthcheck'],
  healthcheckOnHost: { command: 'python3', args: ['-m', 'app.healthcheck'] },
  productionEnv: { APP_ENV: 'production', PYTHONUNBUFFERED: '1' },
  ignored: ['.venv/bin/python', '.venv', '__pycache__/x.pyc', '.data/dev.sqlite3'],
  kept: ['pyproject.toml', 'uv.lock', 'manage.py', 'app/main.py'],
  lockfile: 'uv.lock',
  frozenInstall: ['uv', 'sync', '--frozen'],
};

const BY_ECOSYSTEM: Partial<Record<TargetDefinition['ecosystem'], EcosystemExpectations>> = {
  node,
  python,
};

export function expectationsFor(target: TargetDefinition): EcosystemExpectations {
  const found = BY_ECOSYSTEM[target.ecosystem];
  if (found === undefined) {
    throw new Error(
      `no static-check expectations for ecosystem ${target.ecosystem} (static/ecosystems.ts)`,
    );
  }
  return found;
}
