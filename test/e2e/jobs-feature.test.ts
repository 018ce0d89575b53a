import { jest } from '@jest/globals';
import { execa, type ResultPromise } from 'execa';
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { fastifyTarget as target } from '../../src/catalog/targets/fastify.js';
import { startOtlpReceiver, type OtlpReceiver } from '../conformance/harness/otlp-receiver.js';
import { startPostgres, type PostgresCluster } from '../conformance/harness/postgres.js';
import { freePort, sleep } from '../conformance/harness/ports.js';
import { startRedis, type RedisServer } from '../conformance/harness/redis.js';
import { childEnv, run as runIn } from '../support/child-process.js';
import { CLI_BIN } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * Issue 8, background jobs on the Fastify target, end to end: generate with `--feature jobs`,
 * install (frozen, so the committed lockfile holds BullMQ), `add job` (a queue job now), build,
 * type-check, lint, the project's own tests with a real Redis and PostgreSQL; then the production
 * web process and a separate worker process on real PostgreSQL, Redis and an OTLP receiver, with a
 * small fixture module whose job records each run and applies one effect through `job.once`:
 * jobs enqueued over HTTP, the same key enqueued twice, the worker SIGKILLed mid-job and
 * restarted (the job completes once in effect), a poisoned job dead-lettered after its attempts,
 * the request's trace id on the job's span, and a SIGTERM that lets the running job finish.
 * Every process is ours and ended by PID.
 */
jest.setTimeout(15 * 60_000);

const NAME = 'jobs-e2e';
const JOBS = 40;
const ATTEMPTS = 3;
/** Short, so that a killed worker's job is back on the queue within seconds. */
const LOCK_MS = 2000;

let work: string;
let project: string;
let pgCluster: PostgresCluster;
let redis: RedisServer;
let otlp: OtlpReceiver;

const run = (argv: readonly string[], extra: Record<string, string> = {}) =>
  runIn(argv, project, extra);

/**
 * A test-only module: POST /e2e-jobs enqueues `e2e-jobs.apply-effect` with the body's key as
 * idempotency key; the job records every run (outside `once`, so runs are counted), fails when
 * poisoned, works `workMs`, then applies its effect once.
 */
const FIXTURE_MODULE = `import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsync } from 'fastify';
import type { AppModule } from '../../platform/app-module.ts';
import { defineJob } from '../../platform/queue/job-queue.ts';

interface Payload {
  key: string;
  workMs: number;
  poison: boolean;
}

const body = {
  type: 'object',
  required: ['key', 'workMs', 'poison'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', minLength: 1, maxLength: 100 },
    workMs: { type: 'integer', minimum: 0, maximum: 60000 },
    poison: { type: 'boolean' },
  },
} as const;

export const e2eJobsModule: AppModule = {
  name: 'e2e_jobs',
  migrations: new URL('./migrations/', import.meta.url),
  routePrefix: '/e2e-jobs',
  setup: (deps) => {
    const applyEffect = defineJob<Payload>({
      name: 'e2e-jobs.apply-effect',
      timeoutMs: 60_000,
      async run({ key, workMs, poison }, job) {
        await deps.db.query('INSERT INTO e2e_job_runs (key, attempt, pid) VALUES ($1, $2, $3)', [
          key,
          job.attempt,
          process.pid,
        ]);
        if (poison) throw new Error('poisoned payload ' + key);
        await sleep(workMs, undefined, { signal: job.signal });
        await job.once((tx) => tx.query('INSERT INTO e2e_job_effects (key) VALUES ($1)', [key]));
      },
    });
    deps.queue.register(applyEffect);
    const routes: FastifyPluginAsync = async (app) => {
      app.post<{ Body: Payload }>('/', { schema: { body } }, async (request, reply) => {
        const { id } = await deps.queue.enqueue(applyEffect, request.body, {
          idempotencyKey: request.body.key,
        });
        return reply.code(202).send({ id });
      });
    };
    return routes;
  },
};
`;

const FIXTURE_MIGRATION = `CREATE TABLE e2e_job_runs (key text NOT NULL, attempt integer NOT NULL, pid integer NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
CREATE TABLE e2e_job_effects (key text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
`;

async function addFixtureModule(): Promise<void> {
  const dir = join(project, 'src', 'modules', 'e2e-jobs');
  await mkdir(join(dir, 'migrations'), { recursive: true });
  await writeFile(join(dir, 'index.ts'), FIXTURE_MODULE);
  await writeFile(join(dir, 'migrations', '001_create_e2e_tables.sql'), FIXTURE_MIGRATION);
  const modulesFile = join(project, 'src', 'modules.ts');
  const modules = (await readFile(modulesFile, 'utf8'))
    .replace(
      '// csb:slot:module-imports',
      "import { e2eJobsModule } from './modules/e2e-jobs/index.ts';\n// csb:slot:module-imports",
    )
    .replace('  // csb:slot:modules', '  e2eJobsModule,\n  // csb:slot:modules');
  await writeFile(modulesFile, modules);
}

interface Started {
  child: ResultPromise;
  output: () => string;
}

function startProcess(argv: readonly string[], extra: Record<string, string>): Started {
  const [command, ...args] = argv as [string, ...string[]];
  let output = '';
  const child = execa(command, args, {
    cwd: project,
    env: childEnv(extra),
    extendEnv: false,
    reject: false,
    detached: true,
    stdin: 'ignore',
    all: true,
  });
  child.all?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function stopProcess(
  child: ResultPromise,
  signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
): Promise<number | undefined> {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 45_000);
  const result = await child;
  clearTimeout(timer);
  return result.exitCode;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return { value, ms: Date.now() - started };
    } catch (error) {
      last = error;
    }
    await sleep(50);
  }
  throw new Error(
    `${what} did not happen within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`,
  );
}

beforeAll(async () => {
  work = await makeTempDir('csb-e2e-jobs-');
  project = join(work, NAME);
  [pgCluster, redis, otlp] = await Promise.all([
    startPostgres(),
    startRedis(),
    startOtlpReceiver(),
  ]);
});

afterAll(async () => {
  await otlp?.close();
  await Promise.all([pgCluster?.destroy(), redis?.destroy()]);
  await removeDir(work);
});

describe('a Fastify project generated with --feature jobs', () => {
  it('generates with the job queue and a worker, and installs from the committed lockfile (npm ci)', async () => {
    const r = await execa(
      process.execPath,
      [CLI_BIN, NAME, '--yes', '--no-git', '--framework', 'fastify', '--feature', 'jobs'],
      { cwd: work, env: childEnv({ CI: '1' }), extendEnv: false, reject: false, all: true },
    );
    expect({ exit: r.exitCode, out: r.exitCode === 0 ? '' : r.all }).toEqual({ exit: 0, out: '' });
    expect(await readdir(join(project, 'node_modules', 'bullmq'))).not.toHaveLength(0);
    const manifest = JSON.parse(await readFile(join(project, '.scalable-backend.json'), 'utf8'));
    expect(manifest.features).toEqual(['jobs']);
    expect(await readFile(join(project, 'README.md'), 'utf8')).toContain('(docs/jobs.md)');
    const compose = await readFile(join(project, 'compose.yaml'), 'utf8');
    expect(compose).toMatch(/^ {2}worker:$/m);
    expect(compose).toContain('noeviction');
    expect(await readFile(join(project, 'k8s/base/worker.yaml'), 'utf8')).toContain(
      './dist/worker.js',
    );
  });

  it('adds a queue job with `add job`, then builds, type-checks and lints', async () => {
    const added = await run([
      process.execPath,
      CLI_BIN,
      'add',
      'job',
      'send-digest',
      '--module',
      'notes',
    ]);
    expect(added.all).toContain('CREATE src/modules/notes/jobs/send-digest.ts');
    const scheduled = await run([
      process.execPath,
      CLI_BIN,
      'add',
      'job',
      'reindex',
      '--module',
      'notes',
      '--every',
      '10m',
    ]);
    expect(scheduled.all).toContain('CREATE src/modules/notes/jobs/reindex.ts');
    const index = await readFile(join(project, 'src/modules/notes/index.ts'), 'utf8');
    expect(index).toContain('deps.queue.register(sendDigestJob(deps));');
    expect(index).toContain('deps.jobs.schedule(reindexSchedule(deps));');
    await run(target.commands.build);
    await run(target.commands.typecheck!);
    await run(target.commands.lint!);
  });

  it('passes its own tests with the queue ones on a real Redis and PostgreSQL', async () => {
    const { all } = await run(target.commands.test, {
      TEST_REDIS_URL: redis.url(),
      TEST_DATABASE_URL: pgCluster.appUrl(),
    });
    expect(all).toMatch(/✔ job queue on a real Redis/);
    expect(all).toMatch(/✔ job queue \(in process\)/);
    expect(all).toMatch(/✔ notes with the count-words job/);
    expect(all).toMatch(/✔ notes\.send-digest job/);
    expect(all).toMatch(/✔ notes\.reindex job/);
    expect(all).toMatch(/ℹ skipped 0/);
  });

  it('in production: a separate worker runs HTTP-enqueued jobs once in effect through SIGKILL, dead-letters poison, keeps the trace', async () => {
    await addFixtureModule();
    await run(target.commands.build);
    const env = {
      DATABASE_URL: pgCluster.appUrl(),
      REDIS_URL: redis.url(),
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      SHUTDOWN_DELAY_MS: '0',
      JOB_ATTEMPTS: String(ATTEMPTS),
      JOB_BACKOFF_MS: '100',
      JOB_LOCK_MS: String(LOCK_MS),
    };
    await run(target.commands.migrate, env);
    const webPort = await freePort();
    const web = startProcess(target.commands.start, {
      ...env,
      PORT: String(webPort),
      OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()),
    });
    const workerPort = await freePort();
    const workerMetricsPort = await freePort();
    const workerEnv = {
      ...env,
      PORT: String(workerPort),
      OTEL_EXPORTER_PROMETHEUS_PORT: String(workerMetricsPort),
    };
    const worker = { current: startProcess(target.commands.worker!, workerEnv) };
    const outputs: string[] = [];
    const db = new pg.Client({ connectionString: pgCluster.appUrl() });
    await db.connect();
    const report: Record<string, unknown> = {};

    const web$ = `http://127.0.0.1:${webPort}`;
    const worker$ = `http://127.0.0.1:${workerPort}`;
    const enqueue = async (
      key: string,
      options: { workMs?: number; poison?: boolean; traceparent?: string } = {},
    ) => {
      const response = await fetch(`${web$}/e2e-jobs`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.traceparent ? { traceparent: options.traceparent } : {}),
        },
        body: JSON.stringify({ key, workMs: options.workMs ?? 0, poison: options.poison ?? false }),
        signal: AbortSignal.timeout(10_000),
      });
      expect(response.status).toBe(202);
      return ((await response.json()) as { id: string }).id;
    };
    const count = async (sql: string, params: unknown[] = []) =>
      Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);
    const effects = (key?: string) =>
      key === undefined
        ? count('SELECT count(*) AS n FROM e2e_job_effects')
        : count('SELECT count(*) AS n FROM e2e_job_effects WHERE key = $1', [key]);
    const runs = (key: string) =>
      count('SELECT count(*) AS n FROM e2e_job_runs WHERE key = $1', [key]);
    const ready = async (base: string) => (await fetch(`${base}/readyz`)).status === 200;
    const metric = async (name: string) => {
      const text = await (await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`)).text();
      return [...text.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\d+)`, 'gm'))]
        .map((m) => Number(m[1]))
        .reduce((a, b) => a + b, 0);
    };

    try {
      await waitFor('web readiness', () => ready(web$), 30_000);
      await waitFor('worker readiness', () => ready(worker$), 30_000);
      const worker0 = await (await fetch(`${worker$}/readyz`)).json();
      expect(worker0).toMatchObject({
        status: 'pass',
        checks: {
          'postgres:connection': [{ status: 'pass' }],
          'redis:worker': [{ status: 'pass' }],
        },
      });

      // 1. Throughput: JOBS enqueued over HTTP, each applied once by the worker.
      const started = performance.now();
      await Promise.all(
        Array.from({ length: JOBS }, (_, i) => enqueue(`bulk-${i}`, { workMs: 20 })),
      );
      const enqueuedMs = performance.now() - started;
      await waitFor('bulk effects', async () => (await effects()) >= JOBS, 60_000);
      report.bulk = {
        enqueued: JOBS,
        enqueueMs: Math.round(enqueuedMs),
        allDoneMs: Math.round(performance.now() - started),
        effectsApplied: await effects(),
        completedMetric: await metric('jobs_completed_total'),
      };
      expect(await effects()).toBe(JOBS);

      // 2. The same idempotency key enqueued again is the same job, applied once.
      const first = await enqueue('twice', { workMs: 0 });
      const second = await enqueue('twice', { workMs: 0 });
      await waitFor('effect twice', async () => (await effects('twice')) === 1, 20_000);
      await sleep(500);
      report.duplicateEnqueue = { sameId: first === second, effects: await effects('twice') };
      expect(first).toBe(second);
      expect(await effects('twice')).toBe(1);

      // 3. The request's trace continues on the job's span in the worker process.
      const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
      await enqueue('traced', { traceparent: `00-${traceId}-1122334455667788-01` });
      const [jobSpan] = await otlp.waitForSpans(
        (span) => span.traceId === traceId && span.name === 'process e2e-jobs.apply-effect',
        { timeoutMs: 20_000 },
      );
      const sameTrace = otlp.spans.filter((span) => span.traceId === traceId);
      report.trace = {
        traceId,
        spans: sameTrace.map((span) => `${span.kind} ${span.name}`),
        jobSpanKind: jobSpan?.kind,
      };
      expect(jobSpan?.kind).toBe('CONSUMER');
      // The request's own span, the enqueue and the job: one trace across two processes.
      expect(
        sameTrace.some((span) => span.kind === 'SERVER' && span.name.startsWith('POST /e2e-jobs')),
      ).toBe(true);
      expect(
        sameTrace.some(
          (span) => span.kind === 'PRODUCER' && span.name === 'send e2e-jobs.apply-effect',
        ),
      ).toBe(true);

      // 4. SIGKILL mid-job: the job runs again on the restarted worker, its effect once.
      await enqueue('crash', { workMs: 3000 });
      await waitFor('crash job running', async () => (await runs('crash')) === 1, 20_000);
      const killedAt = performance.now();
      outputs.push(worker.current.output());
      await stopProcess(worker.current.child, 'SIGKILL');
      expect(await effects('crash')).toBe(0);
      worker.current = startProcess(target.commands.worker!, workerEnv);
      const recovered = await waitFor(
        'crash effect after restart',
        async () => (await effects('crash')) === 1,
        60_000,
      );
      await sleep(LOCK_MS * 2);
      report.sigkill = {
        runs: await runs('crash'),
        effects: await effects('crash'),
        recoveredMs: Math.round(performance.now() - killedAt),
        waitedAfterRestartMs: recovered.ms,
      };
      expect(await runs('crash')).toBe(2);
      expect(await effects('crash')).toBe(1);

      // 5. A poisoned job fails ATTEMPTS times, then is a dead letter (and can be retried).
      await waitFor('worker readiness after restart', () => ready(worker$), 30_000);
      const poisonId = await enqueue('poison', { poison: true });
      const { value: letter } = await waitFor(
        'dead letter',
        async () => {
          const body = (await (await fetch(`${worker$}/dead-letters?limit=10`)).json()) as {
            items: { id: string; attempts: number; reason: string; name: string }[];
          };
          return body.items.find((item) => item.id === poisonId);
        },
        30_000,
      );
      report.deadLetters = {
        letter,
        runs: await runs('poison'),
        deadLetteredMetric: await metric('jobs_dead_lettered_total'),
        failedMetric: await metric('jobs_failed_total'),
      };
      expect(letter).toMatchObject({ name: 'e2e-jobs.apply-effect', attempts: ATTEMPTS });
      expect(letter.reason).toContain('poisoned payload poison');
      expect(await runs('poison')).toBe(ATTEMPTS);
      expect(await metric('jobs_dead_lettered_total')).toBe(1);
      const retried = await fetch(`${worker$}/dead-letters/${encodeURIComponent(poisonId)}/retry`, {
        method: 'POST',
      });
      expect(retried.status).toBe(202);
      await waitFor(
        'retried dead letter runs again',
        async () => (await runs('poison')) === 2 * ATTEMPTS,
        30_000,
      );

      // 6. The notes example: creating a note counts its words in the worker.
      const note = await fetch(`${web$}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'jobs', body: 'counted by the worker, not the request' }),
      });
      const { id: noteId } = (await note.json()) as { id: string };
      const counted = await waitFor(
        'word count',
        async () =>
          (await count('SELECT count(*) AS n FROM note_word_counts WHERE note_id = $1', [
            noteId,
          ])) === 1,
        20_000,
      );
      report.notesWordCountMs = counted.ms;

      // 7. SIGTERM while a job runs: readiness fails, the job finishes, the worker exits 0.
      await enqueue('graceful', { workMs: 1500 });
      await waitFor('graceful job running', async () => (await runs('graceful')) === 1, 20_000);
      const stopStarted = performance.now();
      const stopping = stopProcess(worker.current.child, 'SIGTERM');
      const exitCode = await stopping;
      report.gracefulStop = {
        exitCode,
        stopMs: Math.round(performance.now() - stopStarted),
        effects: await effects('graceful'),
        runs: await runs('graceful'),
      };
      expect(exitCode).toBe(0);
      expect(await effects('graceful')).toBe(1);
      expect(await runs('graceful')).toBe(1);
      outputs.push(worker.current.output());

      report.totals = {
        jobsEnqueued: JOBS + 7,
        effectsApplied: await effects(),
        distinctKeysWithEffects: await count(
          'SELECT count(DISTINCT key) AS n FROM e2e_job_effects',
        ),
        runsRecorded: await count('SELECT count(*) AS n FROM e2e_job_runs'),
      };
      // Never two effects for one key.
      expect(
        await count(
          'SELECT count(*) AS n FROM (SELECT key FROM e2e_job_effects GROUP BY key HAVING count(*) > 1) d',
        ),
      ).toBe(0);
      expect(outputs.join('')).not.toContain('sentinel-db-9f3a');
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\nmeasured so far: ${JSON.stringify(report)}\nworker output:\n${worker.current.output().slice(-4000)}\nweb output:\n${web.output().slice(-2000)}`,
      );
    } finally {
      console.log(`jobs e2e measurements:\n${JSON.stringify(report, null, 2)}`);
      await db.end();
      await stopProcess(worker.current.child);
      expect(await stopProcess(web.child)).toBe(0);
    }
  });
});
