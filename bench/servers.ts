import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { targets } from '../src/catalog/targets/index.js';
import { httpRequest } from '../test/conformance/harness/http-client.js';
import { freePort, sleep } from '../test/conformance/harness/ports.js';
import { startPostgres, type PostgresCluster } from '../test/conformance/harness/postgres.js';
import { pinRunningProcess, planCpus, type CpuPlan } from './cpu-pinning.js';
import { serverEnv } from './environment.js';
import { migrate, prepareTarget, withRuntime, type PreparedTarget } from './generated-project.js';
import { combineRounds, measureLoad, type LoadResult } from './load-runner.js';
import { moduleRouteCandidates, pickModuleRoute } from './module-route.js';
import { startOtlpSink, type OtlpSink } from './otlp-sink.js';
import { productionEnv } from './production-env.js';
import {
  BASELINE_SERVERS,
  LIVENESS_PATH,
  LOAD,
  OBSERVABILITY_STEPS,
  SEED_BODY,
  SEED_REQUESTS,
  STARTUP_TIMEOUT_MS,
} from './scenarios.js';
import {
  residentBytes,
  startServer,
  type RunningServer,
  type ServerLaunch,
} from './server-process.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
/** Lets a freshly started server finish lazy initialisation before its idle RSS is read. */
const SETTLE_MS = 1000;

export interface ServerResult {
  id: string;
  label: string;
  startupMs?: number;
  idleRssBytes?: number;
  loads: LoadResult[];
  notes: string[];
  error?: string;
}

export interface ServerScenarios {
  cpus: CpuPlan;
  baselines: ServerResult[];
  starters: ServerResult[];
  observability: ServerResult[];
  /** The example module's read route that was loaded, per target id. */
  moduleRoutes: Record<string, string>;
  projectNotes: string[];
}

type Log = (line: string) => void;

/** A server kept running for the whole load phase. */
interface Subject {
  result: ServerResult;
  server?: RunningServer;
  paths: string[];
  rounds: Map<string, LoadResult[]>;
  /** Adds what the server really did (exports, log lines) to the notes after the load. */
  evidence?: (notes: string[]) => Promise<void>;
  cleanup?: () => Promise<void>;
}

interface Shared {
  cpus: CpuPlan;
  cluster: PostgresCluster;
  logDir: string;
}

/** Starts the server, records startup and idle RSS, then runs `setup` to choose the paths to load. */
async function startSubject(
  launch: ServerLaunch,
  shared: Shared,
  setup: (server: RunningServer, notes: string[]) => Promise<string[]>,
): Promise<Subject> {
  const subject: Subject = {
    result: { id: launch.id, label: launch.label, loads: [], notes: [] },
    paths: [],
    rounds: new Map(),
  };
  try {
    subject.server = await startServer(launch, shared.cpus, STARTUP_TIMEOUT_MS);
    subject.result.startupMs = subject.server.startupMs;
    await sleep(SETTLE_MS);
    subject.result.idleRssBytes = residentBytes(subject.server.pid);
    subject.paths = await setup(subject.server, subject.result.notes);
  } catch (error) {
    subject.result.error = (error as Error).message;
    await subject.server?.stop();
    subject.server = undefined;
  }
  return subject;
}

function baselineLaunch(
  baseline: (typeof BASELINE_SERVERS)[number],
  port: number,
  shared: Shared,
  env: Record<string, string>,
): ServerLaunch {
  return {
    id: baseline.id,
    label: baseline.label,
    argv: [process.execPath, path.join(BENCH_DIR, baseline.script)],
    cwd: BENCH_DIR,
    env: serverEnv({ PORT: String(port), ...env }),
    port,
    readyPath: LIVENESS_PATH,
    logFile: path.join(shared.logDir, `${baseline.id}.log`),
  };
}

interface StarterLaunch {
  launch: ServerLaunch;
  metricsPort: number;
  sink: OtlpSink;
}

/** The project's production environment; only loopback, ports, database and OTLP sink differ. */
async function starterLaunch(
  prepared: PreparedTarget,
  shared: Shared,
  id: string,
  label: string,
  overrides: Readonly<Record<string, string>>,
): Promise<StarterLaunch> {
  const port = await freePort();
  const metricsPort = await freePort();
  const sink = await startOtlpSink();
  const variables = {
    ...productionEnv(prepared.dir),
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: shared.cluster.appUrl(),
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    // Stopping is not measured; the production drain delay would only lengthen the run.
    SHUTDOWN_DELAY_MS: '0',
    ...overrides,
  };
  const launch: ServerLaunch = {
    id,
    label,
    argv: withRuntime(prepared.target.commands.start),
    cwd: prepared.dir,
    env: serverEnv(variables),
    port,
    readyPath: LIVENESS_PATH,
    logFile: path.join(shared.logDir, `${id}.log`),
  };
  return { launch, metricsPort, sink };
}

/** What the configuration really switched on: exports seen by its sink, access-log lines, metrics endpoint. */
function telemetryEvidence({
  launch,
  metricsPort,
  sink,
}: StarterLaunch): (notes: string[]) => Promise<void> {
  return async (notes) => {
    const { requests, bytes } = sink.counts();
    notes.push(`OTLP exports ${requests} (${(bytes / 1024 / 1024).toFixed(1)} MiB)`);
    const metrics = await httpRequest(metricsPort, '/metrics', { timeoutMs: 5000 }).catch(
      () => undefined,
    );
    notes.push(
      metrics?.status === 200
        ? `/metrics ${(metrics.body.match(/^[a-z_]+\{/gm) ?? []).length} series`
        : '/metrics off',
    );
    const lines = fs
      .readFileSync(launch.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('request completed')).length;
    notes.push(`${lines.toLocaleString('en-US')} access-log lines`);
  };
}

async function seed(port: number, route: string, notes: string[]): Promise<void> {
  const statuses = new Set<number>();
  for (let i = 0; i < SEED_REQUESTS; i += 1) {
    const response = await httpRequest(port, route, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SEED_BODY),
    }).catch(() => undefined);
    statuses.add(response?.status ?? 0);
  }
  const seeded = [...statuses].every((status) => status >= 200 && status < 300);
  notes.push(
    seeded
      ? `seeded ${SEED_REQUESTS} rows through POST ${route}`
      : `could not seed POST ${route} (status ${[...statuses].join('/')}): the read returns what the table holds`,
  );
}

async function startStarter(
  prepared: PreparedTarget,
  shared: Shared,
  log: Log,
): Promise<{ subject: Subject; route?: string }> {
  const { target } = prepared;
  const started = await starterLaunch(
    prepared,
    shared,
    `starter-${target.id}`,
    `${target.id} starter (production defaults)`,
    {},
  );
  log(`servers: migrating and starting the ${target.id} starter`);
  await migrate(prepared, started.launch.env);
  let route: string | undefined;
  const subject = await startSubject(started.launch, shared, async (server, notes) => {
    route = await pickModuleRoute(server.port, moduleRouteCandidates(prepared.dir));
    if (route === undefined) {
      notes.push('no module read route found (scripts/loadtest, README, src/modules): /livez only');
      return [LIVENESS_PATH];
    }
    await seed(server.port, route, notes);
    return [LIVENESS_PATH, route];
  });
  subject.evidence = telemetryEvidence(started);
  subject.cleanup = () => started.sink.close();
  return { subject, ...(route === undefined ? {} : { route }) };
}

async function startObservabilitySteps(
  prepared: PreparedTarget,
  route: string,
  shared: Shared,
  log: Log,
): Promise<Subject[]> {
  const subjects: Subject[] = [];
  for (const step of OBSERVABILITY_STEPS) {
    log(`observability: starting "${step.label}"`);
    const started = await starterLaunch(
      prepared,
      shared,
      `observability-${step.id}`,
      step.label,
      step.env,
    );
    const subject = await startSubject(started.launch, shared, async () =>
      step.alsoProbe ? [route, LIVENESS_PATH] : [route],
    );
    subject.evidence = telemetryEvidence(started);
    subject.cleanup = () => started.sink.close();
    subjects.push(subject);
  }
  return subjects;
}

/** Round-robin over every running server and path; a failing server drops out with its error. */
async function loadRounds(subjects: readonly Subject[], cpus: CpuPlan, log: Log): Promise<void> {
  for (let round = 1; round <= LOAD.rounds; round += 1) {
    log(
      `load: round ${round}/${LOAD.rounds} over ${subjects.filter((s) => s.server).length} servers`,
    );
    for (const subject of subjects) {
      for (const urlPath of subject.paths) {
        if (subject.server === undefined) break;
        try {
          const result = await measureLoad(cpus, subject.server.port, subject.server.pid, urlPath);
          subject.rounds.set(urlPath, [...(subject.rounds.get(urlPath) ?? []), result]);
        } catch (error) {
          subject.result.error = `load on ${urlPath}: ${(error as Error).message}`;
          await subject.server.stop();
          subject.server = undefined;
        }
      }
    }
  }
}

async function finish(subject: Subject): Promise<ServerResult> {
  subject.result.loads = subject.paths.flatMap((urlPath) => {
    const rounds = subject.rounds.get(urlPath);
    return rounds === undefined ? [] : [combineRounds(rounds)];
  });
  if (subject.server !== undefined)
    await subject.evidence?.(subject.result.notes).catch(() => undefined);
  await subject.server?.stop();
  await subject.cleanup?.();
  return subject.result;
}

/**
 * Scenarios 2 and 3: baselines, generated starters and the Fastify starter's observability
 * steps all run at once (idle until their turn) so the rounds can interleave. PostgreSQL, the
 * OTLP sinks and the load generator share the load CPU; the servers share the other one.
 */
export async function runServerScenarios(
  repoRoot: string,
  workDir: string,
  log: Log,
  options: { observability: boolean },
): Promise<ServerScenarios> {
  const prepared: PreparedTarget[] = [];
  for (const target of targets) prepared.push(await prepareTarget(target, repoRoot, workDir, log));

  const cpus = planCpus();
  await pinRunningProcess(cpus, process.pid, cpus.loadCpu);
  const logDir = path.join(workDir, 'server-logs');
  fs.mkdirSync(logDir, { recursive: true });
  const cluster = await startPostgres();
  const postmaster = Number(
    fs.readFileSync(path.join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  await pinRunningProcess(cpus, postmaster, cpus.loadCpu);
  const shared: Shared = { cpus, cluster, logDir };

  const results: ServerScenarios = {
    cpus,
    baselines: [],
    starters: [],
    observability: [],
    moduleRoutes: {},
    projectNotes: [],
  };
  const groups: { baselines: Subject[]; starters: Subject[]; observability: Subject[] } = {
    baselines: [],
    starters: [],
    observability: [],
  };
  try {
    const fastifyProject = prepared.find((p) => p.target.id === 'fastify');
    for (const baseline of BASELINE_SERVERS) {
      log(`servers: starting ${baseline.label}`);
      const env: Record<string, string> =
        fastifyProject === undefined ? {} : { FASTIFY_PROJECT_DIR: fastifyProject.dir };
      groups.baselines.push(
        await startSubject(
          baselineLaunch(baseline, await freePort(), shared, env),
          shared,
          async () => [LIVENESS_PATH],
        ),
      );
    }
    for (const project of prepared) {
      results.projectNotes.push(...project.notes.map((note) => `${project.target.id}: ${note}`));
      const { subject, route } = await startStarter(project, shared, log);
      groups.starters.push(subject);
      if (route === undefined) continue;
      results.moduleRoutes[project.target.id] = route;
      if (options.observability && project.target.id === 'fastify') {
        groups.observability = await startObservabilitySteps(project, route, shared, log);
      }
    }
    await loadRounds([...groups.baselines, ...groups.starters, ...groups.observability], cpus, log);
  } finally {
    // Stops every server by PID even when a phase above threw.
    for (const [name, subjects] of Object.entries(groups) as [keyof typeof groups, Subject[]][]) {
      for (const subject of subjects) results[name].push(await finish(subject));
    }
    await cluster.destroy();
  }
  log(
    `servers: done (load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')})`,
  );
  return results;
}
