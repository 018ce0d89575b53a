/**
 * What the benchmark measures, as data. The runners in this folder only interpret these tables,
 * so adding a peer, a load setting or an observability step is a change here.
 */

/** Name every scaffolded project gets (valid for every tool: lower case, no scope). */
export const PROJECT_NAME = 'bench-app';

/** Arguments after `node` that make the CLI scaffold the bench project (no install, no git). */
export function scaffoldArgs(cli: string, framework: string, directory: string): string[] {
  return [
    cli,
    PROJECT_NAME,
    '--yes',
    '--no-install',
    '--no-git',
    '--framework',
    framework,
    '--directory',
    directory,
  ];
}

/** Whole-process runs per scaffolding tool, after one discarded warm-up run (disk cache, JIT cache). */
export const SCAFFOLD_RUNS = 5;
/** A scaffolding run that takes longer than this is killed and reported as failed. */
export const SCAFFOLD_TIMEOUT_MS = 60_000;

/**
 * A peer generator as a user would run it through npx: the package is installed into its own
 * temp dir, then `node <bin> ...argv` runs with stdin closed (non-interactive, not a TTY).
 * `argv` receives the project directory relative to the working directory (its parent): some
 * tools join even an absolute --directory onto their working directory.
 * Flags were checked against each tool's `--help`: none of them installs or initialises git.
 */
export interface PeerGenerator {
  readonly id: string;
  readonly label: string;
  readonly packageName: string;
  /** Key of the package.json `bin` map to run. */
  readonly bin: string;
  readonly argv: (projectDir: string) => string[];
  readonly note?: string;
}

export const PEER_GENERATORS: readonly PeerGenerator[] = [
  {
    id: 'nest',
    label: 'NestJS CLI (nest new)',
    packageName: '@nestjs/cli',
    bin: 'nest',
    argv: (dir) => [
      'new',
      PROJECT_NAME,
      '--directory',
      dir,
      '--skip-install',
      '--skip-git',
      '--package-manager',
      'npm',
      '--no-observe',
    ],
  },
  {
    id: 'fastify-cli',
    label: 'fastify-cli generate',
    packageName: 'fastify-cli',
    bin: 'fastify',
    argv: (dir) => ['generate', dir, '--lang=ts', '--esm'],
    note: 'runs `npm init -y` itself',
  },
  {
    id: 'express-generator',
    label: 'express-generator',
    packageName: 'express-generator',
    bin: 'express',
    argv: (dir) => ['--no-view', '--git', dir],
  },
  {
    id: 't3',
    label: 'create-t3-app (--CI)',
    packageName: 'create-t3-app',
    bin: 'create-t3-app',
    argv: (dir) => [
      dir,
      '--CI',
      '--noGit',
      '--noInstall',
      '--appRouter',
      'true',
      '--trpc',
      'true',
      '--drizzle',
      'true',
      '--dbProvider',
      'postgres',
      '--tailwind',
      'true',
      '--eslint',
      'true',
      '--prisma',
      'false',
      '--nextAuth',
      'false',
      '--betterAuth',
      'false',
    ],
    note: 'asks registry.npmjs.org for its latest version on every run',
  },
  {
    id: 'vite',
    label: 'create-vite (floor)',
    packageName: 'create-vite',
    bin: 'create-vite',
    argv: (dir) => [dir, '--template', 'vanilla-ts', '--no-interactive', '--no-immediate'],
  },
];

/** The install-size baseline: the smallest generator people actually use. */
export const INSTALL_SIZE_BASELINE = 'vite';

/**
 * Load shape for every server: the same connections and durations, so ratios compare like with
 * like. Every server stays up while the rounds go round-robin over all of them, so background
 * work on a shared machine spreads over all servers instead of skewing one; a route's figures
 * are the median over its rounds.
 */
export const LOAD = {
  connections: 50,
  rounds: 4,
  warmupSeconds: 2,
  durationSeconds: 5,
  /** Hard stop for the load generator process, on top of its own duration. */
  killAfterSeconds: 30,
} as const;

/** Notes (or rows of the module) created through the API before loading the module route. */
export const SEED_REQUESTS = 20;

/** How long a server may take to answer its first 200 before the run gives up on it. */
export const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Observability cost breakdown of the Fastify starter, cumulative, switched only through the
 * environment variables the generated project already reads (src/platform/config.ts,
 * src/platform/telemetry/sdk.ts). Applied on top of the production environment.
 */
export interface ObservabilityStep {
  readonly id: string;
  readonly label: string;
  readonly env: Readonly<Record<string, string>>;
  /** The step this one adds to: its cost is the difference to that step. */
  readonly addsTo?: string;
  /** Also load /livez, which skips logs and spans: splits the platform's hooks from the SDK's cost. */
  readonly alsoProbe?: boolean;
}

const NO_TELEMETRY = { OTEL_SDK_DISABLED: 'true' };
// Access lines are `info`; `warn` keeps warnings and errors but drops the per-request line.
const NO_ACCESS_LOG = { LOG_LEVEL: 'warn' };
const ACCESS_LOG = { LOG_LEVEL: 'info' };
const NO_METRICS = { OTEL_METRICS_EXPORTER: 'none' };
const METRICS = { OTEL_METRICS_EXPORTER: 'prometheus' };
const SAMPLE_ALL = { OTEL_TRACES_SAMPLER: 'parentbased_always_on' };
const SAMPLE_PRODUCTION = {
  OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
  OTEL_TRACES_SAMPLER_ARG: '0.1',
};

export const OBSERVABILITY_STEPS: readonly ObservabilityStep[] = [
  {
    id: 'plain',
    label: 'plain (SDK off, access log off)',
    env: { ...NO_TELEMETRY, ...NO_ACCESS_LOG },
    alsoProbe: true,
  },
  {
    id: 'logging',
    label: '+ access logging',
    env: { ...NO_TELEMETRY, ...ACCESS_LOG },
    addsTo: 'plain',
  },
  {
    id: 'tracing-all',
    label: '+ tracing, 100% sampled',
    env: { ...ACCESS_LOG, ...NO_METRICS, ...SAMPLE_ALL },
    addsTo: 'logging',
  },
  {
    id: 'tracing-prod',
    label: '+ tracing, 10% sampled (prod)',
    env: { ...ACCESS_LOG, ...NO_METRICS, ...SAMPLE_PRODUCTION },
    addsTo: 'logging',
  },
  {
    id: 'metrics',
    label: '+ metrics (= production defaults)',
    env: { ...ACCESS_LOG, ...METRICS, ...SAMPLE_PRODUCTION },
    addsTo: 'tracing-prod',
  },
];

/** The in-process baselines of the server scenario, compiled next to this file (bench/baselines/). */
export const BASELINE_SERVERS = [
  { id: 'node-http', label: 'node:http (runtime limit)', script: 'baselines/node-http.js' },
  { id: 'plain-fastify', label: 'plain Fastify hello-world', script: 'baselines/plain-fastify.js' },
] as const;

/** The path every baseline answers 200 on, like the starters' liveness probe. */
export const LIVENESS_PATH = '/livez';

/**
 * Body POSTed SEED_REQUESTS times to the module route before it is loaded, so the list read
 * returns real rows. Fits the Fastify starter's example module (notes); a module that refuses
 * it is loaded unseeded and the report says so.
 */
export const SEED_BODY = {
  title: 'benchmark note',
  body: 'A row for the read benchmark, about a hundred bytes long like a short note.',
};
