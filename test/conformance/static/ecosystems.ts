import { join } from 'node:path';
import type { TargetDefinition } from '../../../src/catalog/targets/types.js';

/**
 * What the static checks expect of a project, per ecosystem, where the contract names a
 * runtime-specific form (C69 runtime image and build steps, C72 HEALTHCHECK client, C74 ENV and
 * ignore file, C79 runtime memory flag, C91 lockfile). One entry per ecosystem; the checks
 * themselves stay the same for every target.
 */
export interface StaticFacts {
  /** The final stage's base image name (registry/name:tag) matches. */
  readonly runtimeImage: RegExp;
  /** Every pattern matches some RUN of the build stages (frozen install, build, dev deps left out). */
  readonly buildRuns: readonly RegExp[];
  /** The final stage's ENV sets these besides the OpenTelemetry ones. */
  readonly productionEnv: Readonly<Record<string, string>>;
  /** HEALTHCHECK CMD argv (after withPortableNode). */
  readonly healthcheck: readonly string[];
  /** How to run the in-image healthcheck client on this machine, in the project directory. */
  healthcheckClient(projectDir: string): readonly string[];
  /** Paths .dockerignore must exclude, and paths it must keep, besides the common ones. */
  readonly ignored: readonly string[];
  readonly kept: readonly string[];
  readonly lockfile: string;
  /** Renovate's OpenTelemetry group matches package names starting with this (C90). */
  readonly otelPackagePrefix: string;
  /** The frozen install argv prefix the catalog's install command starts with. */
  readonly frozenInstall: readonly string[];
  /** C79: the runtime's memory cap in MiB from the container env, or null when the runtime has none. */
  heapMiB(env: ReadonlyMap<string, string>): number | null | undefined;
}

const FACTS: Partial<Record<TargetDefinition['ecosystem'], StaticFacts>> = {
  node: {
    runtimeImage: /(nodejs|node:)24/,
    buildRuns: [/\bnpm ci\b/, /\bnpm run build\b/, /\bnpm prune --omit=dev\b/],
    productionEnv: { NODE_ENV: 'production' },
    healthcheck: ['node', 'dist/healthcheck.js'],
    healthcheckClient: (dir) => [process.execPath, join(dir, 'src', 'healthcheck.ts')],
    ignored: ['node_modules/fastify/package.json', 'dist/main.js'],
    kept: ['package.json', 'package-lock.json', 'tsconfig.json', 'src/main.ts'],
    lockfile: 'package-lock.json',
    frozenInstall: ['npm', 'ci'],
    otelPackagePrefix: '@opentelemetry/',
    heapMiB: (env) => {
      const match = /--max-old-space-size=(\d+)/.exec(env.get('NODE_OPTIONS') ?? '');
      return match === null ? undefined : Number(match[1]);
    },
  },
  python: {
    runtimeImage: /distroless\/python3-debian12|python:3\.1\d/,
    buildRuns: [/\buv sync --frozen\b.*--no-dev/, /\bcompileall\b/],
    productionEnv: { APP_ENV: 'production' },
    healthcheck: ['.venv/bin/python', '-m', 'app.healthcheck'],
    // Standard library only: any Python 3 runs it.
    healthcheckClient: () => ['python3', '-m', 'app.healthcheck'],
    ignored: ['.venv/lib/python3.11/site-packages/x.py', 'app/__pycache__/main.cpython-311.pyc'],
    kept: ['pyproject.toml', 'uv.lock', 'app/main.py'],
    lockfile: 'uv.lock',
    frozenInstall: ['uv', 'sync', '--frozen'],
    otelPackagePrefix: 'opentelemetry-',
    // CPython has no heap cap to derive from the limit (the contract names Java, Node and Go only).
    heapMiB: () => null,
  },
};

export function staticFacts(ecosystem: TargetDefinition['ecosystem']): StaticFacts {
  const facts = FACTS[ecosystem];
  if (facts === undefined)
    throw new Error(`no static-check facts for the ${ecosystem} ecosystem (static/ecosystems.ts)`);
  return facts;
}
