import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetDefinition } from '../../../src/catalog/targets/types.js';

/**
 * What the static checks expect of a generated project that depends on its ecosystem (image,
 * build steps, lockfile, runtime memory flag). The checks themselves are shared; a new ecosystem
 * adds one entry here.
 */
export interface EcosystemRules {
  /** C69: `registry/name:tag` of the final stage. */
  readonly runtimeImage: RegExp;
  /** C69: RUN steps the build stages must contain (frozen install, build, prune...). */
  readonly buildSteps: readonly RegExp[];
  /** C72: the HEALTHCHECK argv, with a runtime's absolute path made portable. */
  readonly healthcheck: readonly string[];
  /** C72: how to run the same client on this machine (`PORT` in the env), in the project dir. */
  readonly healthcheckClient: (projectDir: string) => readonly string[];
  /** C74: final-stage ENV besides the OpenTelemetry set. */
  readonly productionEnv: Readonly<Record<string, string>>;
  /** C74: paths .dockerignore must exclude, and must keep. */
  readonly dockerIgnored: readonly string[];
  readonly dockerKept: readonly string[];
  /** C91: the committed lockfile, and the start of the frozen install argv. */
  readonly lockfile: string;
  readonly frozenInstall: readonly string[];
  /**
   * C91, where the lockfile is a build file that could also name ranges (Maven's pom.xml): the
   * versions in it that are not exact. Unset: the lockfile format only holds exact versions.
   */
  readonly inexactVersions?: (projectDir: string) => readonly string[];
  /** C90: a package-name prefix of the OpenTelemetry group in renovate.json. */
  readonly otelPackagePrefix: string;
  /** C77: the startup probe's failureThreshold (30; 60 for a JVM, which starts slower). */
  readonly startupFailureThreshold: number;
  /**
   * C79: the runtime's memory ceiling as a fraction of the container limit, read from the
   * container env or the start command (the image's entrypoint); `automatic` when the runtime
   * derives it from the cgroup itself; `none` when the runtime has no such ceiling (CPython: the
   * container limit is the only bound).
   */
  readonly memoryCeiling: (
    env: ReadonlyMap<string, string>,
    limitBytes: number,
    projectDir: string,
    start: readonly string[],
  ) => number | 'automatic' | 'none' | undefined;
}

const COMMON_IGNORED = ['.git', '.git/HEAD', '.env', '.env.local', '.env.production'];

export const ECOSYSTEM_RULES: Partial<Record<TargetDefinition['ecosystem'], EcosystemRules>> = {
  node: {
    runtimeImage:
      /(distroless|chainguard|wolfi|-slim).*(nodejs|node:)24|(nodejs|node:)24.*(distroless|chainguard|wolfi|-slim)/,
    buildSteps: [/\bnpm ci\b/, /\bnpm run build\b/, /\bnpm prune --omit=dev\b/],
    healthcheck: ['node', 'dist/healthcheck.js'],
    healthcheckClient: (dir) => [process.execPath, join(dir, 'src', 'healthcheck.ts')],
    productionEnv: { NODE_ENV: 'production' },
    dockerIgnored: [
      ...COMMON_IGNORED,
      'node_modules/fastify/package.json',
      'dist/main.js',
      'coverage/lcov.info',
    ],
    dockerKept: ['package.json', 'package-lock.json', 'tsconfig.json', 'src/main.ts'],
    lockfile: 'package-lock.json',
    frozenInstall: ['npm', 'ci'],
    otelPackagePrefix: '@opentelemetry/',
    startupFailureThreshold: 30,
    memoryCeiling: (env, limitBytes) => {
      const heap = /--max-old-space-size=(\d+)/.exec(env.get('NODE_OPTIONS') ?? '');
      return heap ? (Number(heap[1]) * 2 ** 20) / limitBytes : undefined;
    },
  },
  go: {
    runtimeImage: /distroless\/static|chainguard\/static|wolfi/,
    buildSteps: [/\bgo mod download\b/, /\bgo mod verify\b/, /\bgo build\b.*-trimpath/],
    healthcheck: ['./bin/server', 'healthcheck'],
    healthcheckClient: () => ['go', 'run', './cmd/server', 'healthcheck'],
    productionEnv: {},
    dockerIgnored: [...COMMON_IGNORED, 'bin/server', 'vendor/modules.txt'],
    dockerKept: ['go.mod', 'go.sum', 'cmd/server/main.go'],
    lockfile: 'go.sum',
    frozenInstall: ['go', 'mod', 'download'],
    otelPackagePrefix: 'go.opentelemetry.io/',
    startupFailureThreshold: 30,
    // GOMEMLIMIT at 90 % of the cgroup limit, set by the binary (automemlimit), or explicit.
    memoryCeiling: (env, _limitBytes, dir) => {
      if (env.has('GOMEMLIMIT')) return undefined; // explicit values are checked by hand
      const goMod = join(dir, 'go.mod');
      return existsSync(goMod) &&
        readFileSync(goMod, 'utf8').includes('github.com/KimMachineGun/automemlimit')
        ? 'automatic'
        : undefined;
    },
  },
  python: {
    runtimeImage: /distroless\/python3-debian12|python:3\.1\d/,
    buildSteps: [/\buv sync --frozen\b.*--no-dev\b/],
    healthcheck: ['.venv/bin/python', '-m', 'app.healthcheck'],
    // Standard library only: any Python 3 runs it.
    healthcheckClient: () => ['python3', '-m', 'app.healthcheck'],
    productionEnv: { APP_ENV: 'production' },
    dockerIgnored: [
      ...COMMON_IGNORED,
      '.venv',
      '.venv/lib/python3.11/site-packages/x.py',
      'app/__pycache__/main.cpython-311.pyc',
    ],
    dockerKept: ['pyproject.toml', 'uv.lock', 'app/main.py'],
    lockfile: 'uv.lock',
    frozenInstall: ['uv', 'sync', '--frozen'],
    otelPackagePrefix: 'opentelemetry-',
    startupFailureThreshold: 30,
    // CPython has no heap cap to derive from the limit (the contract names Java, Node and Go only).
    memoryCeiling: () => 'none',
  },
  jvm: {
    runtimeImage: /java(17|21|25)/,
    buildSteps: [/\bmvn\b.*dependency:go-offline/, /\bmvn\b.*\bpackage\b/],
    healthcheck: ['java', '-cp', 'target/app/app.jar', 'com.example.app.Healthcheck'],
    // Java's single-file source launcher runs the client straight from its source.
    healthcheckClient: (dir) => [
      'java',
      join(dir, 'src/main/java/com/example/app/Healthcheck.java'),
    ],
    productionEnv: {},
    dockerIgnored: [
      ...COMMON_IGNORED,
      'target/app.jar',
      'target/classes/com/example/app/Application.class',
    ],
    dockerKept: ['pom.xml', 'src/main/java/com/example/app/Application.java'],
    // Maven has no lockfile: exact versions plus the Boot BOM in pom.xml are its lock (C91).
    lockfile: 'pom.xml',
    frozenInstall: ['mvn'],
    inexactVersions: (dir) =>
      [...readFileSync(join(dir, 'pom.xml'), 'utf8').matchAll(/<version>([^<]*)<\/version>/g)]
        .map((m) => m[1] ?? '')
        .filter((version) => /[[\](),]|SNAPSHOT|LATEST|RELEASE/.test(version)),
    otelPackagePrefix: 'io.opentelemetry',
    startupFailureThreshold: 60,
    // -XX:MaxRAMPercentage in the start command (the image's entrypoint) or JAVA_TOOL_OPTIONS: the
    // JVM sizes its heap from the container limit itself.
    memoryCeiling: (env, _limitBytes, _dir, start) => {
      const flags = [...start, env.get('JAVA_TOOL_OPTIONS') ?? ''].join(' ');
      const percentage = [...flags.matchAll(/-XX:MaxRAMPercentage=(\d+(?:\.\d+)?)/g)].at(-1);
      return percentage ? Number(percentage[1]) / 100 : undefined;
    },
  },
};

/** What a target adds to its ecosystem's rules (lists are appended, the env merged). */
type TargetAdditions = Partial<
  Pick<EcosystemRules, 'buildSteps' | 'productionEnv' | 'dockerIgnored' | 'dockerKept'>
>;

const TARGET_ADDITIONS: Partial<Record<TargetDefinition['id'], TargetAdditions>> = {
  django: {
    buildSteps: [/-m app\.build\b/],
    productionEnv: { PYTHONUNBUFFERED: '1' },
    dockerIgnored: ['.data/dev.sqlite3'],
    dockerKept: ['manage.py'],
  },
  // Byte-compiled in the build stage, so the first request does not pay for it.
  fastapi: { buildSteps: [/\bcompileall\b/] },
};

/** The rules for a target: its ecosystem's, plus what the target adds. */
export function rulesFor(target: TargetDefinition): EcosystemRules {
  const rules = ECOSYSTEM_RULES[target.ecosystem];
  if (rules === undefined)
    throw new Error(
      `no static-check rules for the ${target.ecosystem} ecosystem (static/ecosystem-rules.ts)`,
    );
  const added = TARGET_ADDITIONS[target.id] ?? {};
  return {
    ...rules,
    buildSteps: [...rules.buildSteps, ...(added.buildSteps ?? [])],
    productionEnv: { ...rules.productionEnv, ...added.productionEnv },
    dockerIgnored: [...rules.dockerIgnored, ...(added.dockerIgnored ?? [])],
    dockerKept: [...rules.dockerKept, ...(added.dockerKept ?? [])],
  };
}
