import { jest } from '@jest/globals';
import { execa, type ResultPromise } from 'execa';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TargetDefinition } from '../../src/catalog/targets/types.js';
import { startPostgres, type PostgresCluster } from '../conformance/harness/postgres.js';
import { freePort, sleep } from '../conformance/harness/ports.js';
import { startRedis, type RedisServer } from '../conformance/harness/redis.js';
import { selectedTargets } from '../conformance/harness/rows.js';
import { startTcpProxy, type TcpProxy } from '../conformance/harness/tcp-proxy.js';
import { childEnv, run as runIn } from '../support/child-process.js';
import { CLI_BIN } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * Issue 8, the read-through cache end to end, on every target that has it: generate with
 * `--feature cache`, install (frozen, so the committed lockfile holds ioredis), build, type-check,
 * lint, the project's own tests with a real Redis and PostgreSQL (the notes-over-HTTP cache tests
 * included). Then, on Fastify, the production server on real PostgreSQL and a real Redis (reached
 * through a TCP proxy, to cut or black-hole it), measured: hit rate under a read-heavy load, no
 * stale read after a write, Redis slow, partitioned, stopped and restarted, all without restarting
 * the service. That part exercises the cache code of the node layer, the same in every target, so
 * it runs once. Every process is ours and ended by PID.
 */
jest.setTimeout(15 * 60_000);

const NAME = 'cache-e2e';
/** The target the production behaviour is measured on. */
const MEASURED_TARGET = 'fastify';
const NOTES = 20;
const READS = 2000;
const CONCURRENCY = 10;
/** Worst acceptable latency of one request while Redis misbehaves. */
const DEGRADED_LIMIT_MS = 1000;

let work: string;
let project: string;
let target: TargetDefinition;
let pg: PostgresCluster;
let redis: RedisServer;
let proxy: TcpProxy;

const run = (argv: readonly string[], extra: Record<string, string> = {}) =>
  runIn(argv, project, extra);

interface Note {
  id: string;
  title: string;
  body: string;
  createdAt: string;
}

beforeAll(async () => {
  work = await makeTempDir('csb-e2e-cache-');
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  proxy = await startTcpProxy(redis.port);
});

afterAll(async () => {
  await proxy?.close();
  await Promise.all([pg?.destroy(), redis?.destroy()]);
  await removeDir(work);
});

function startServer(extra: Record<string, string>): {
  child: ResultPromise;
  output: () => string;
} {
  const [command, ...args] = target.commands.start as readonly string[] as [string, ...string[]];
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

async function stopServer(child: ResultPromise): Promise<number | undefined> {
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const timer = setTimeout(
    () => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'),
    30_000,
  );
  const result = await child;
  clearTimeout(timer);
  return result.exitCode;
}

const cacheTargets = selectedTargets().filter(([, t]) => t.supports.includes('cache'));

describe.each(cacheTargets)('a %s project generated with --feature cache', (id, definition) => {
  beforeAll(async () => {
    target = definition;
    project = join(work, id, NAME);
    await mkdir(join(work, id));
  });

  it('generates with the cache and installs from the committed lockfile (npm ci)', async () => {
    const r = await execa(
      process.execPath,
      [CLI_BIN, NAME, '--yes', '--no-git', '--framework', id, '--feature', 'cache'],
      {
        cwd: join(work, id),
        env: childEnv({ CI: '1' }),
        extendEnv: false,
        reject: false,
        all: true,
      },
    );
    expect({ exit: r.exitCode, out: r.exitCode === 0 ? '' : r.all }).toEqual({ exit: 0, out: '' });
    expect(await readdir(join(project, 'node_modules', 'ioredis'))).not.toHaveLength(0);
    const manifest = JSON.parse(await readFile(join(project, '.scalable-backend.json'), 'utf8'));
    expect(manifest.features).toEqual(['cache']);
    expect(await readFile(join(project, 'README.md'), 'utf8')).toContain('(docs/cache.md)');
    expect(await readFile(join(project, 'compose.yaml'), 'utf8')).toMatch(/^ {2}redis:$/m);
    expect(await readFile(join(project, '.github/workflows/ci.yml'), 'utf8')).toContain(
      'TEST_REDIS_URL: redis://localhost:6379',
    );
  });

  it('builds, type-checks and lints', async () => {
    await run(target.commands.build);
    for (const check of [target.commands.typecheck, target.commands.lint])
      if (check) await run(check);
  });

  it('passes its own tests with the Redis ones on a real Redis and PostgreSQL', async () => {
    const { all } = await run(target.commands.test, {
      TEST_REDIS_URL: redis.url(),
      TEST_DATABASE_URL: pg.appUrl(),
    });
    expect(all).toMatch(/✔ cache on a real Redis/);
    expect(all).toMatch(/✔ notes through the read-through cache/);
    expect(all).toMatch(/ℹ skipped 0/);
  });

  if (id !== MEASURED_TARGET) return;

  it('in production: high hit rate, never stale, and unharmed by Redis being slow, cut, stopped or restarted', async () => {
    const env = {
      DATABASE_URL: pg.appUrl(),
      NODE_ENV: 'production',
      OTEL_TRACES_EXPORTER: 'none',
    };
    await run(target.commands.migrate, env);
    const port = await freePort();
    const metricsPort = await freePort();
    const server = startServer({
      ...env,
      REDIS_URL: redis.url(`127.0.0.1:${proxy.port}`),
      PORT: String(port),
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      SHUTDOWN_DELAY_MS: '0',
    });
    const base = `http://127.0.0.1:${port}`;
    const report: Record<string, unknown> = {};

    const request = async (path: string, init: RequestInit = {}) => {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, {
        ...init,
        signal: AbortSignal.timeout(10_000),
        headers: { 'content-type': 'application/json', ...init.headers },
      });
      const body = (await response.json()) as unknown;
      return { status: response.status, body, ms: performance.now() - started };
    };
    const createNote = async (title: string) => {
      const r = await request('/notes', { method: 'POST', body: JSON.stringify({ title }) });
      expect(r.status).toBe(201);
      return r.body as Note;
    };
    const firstPageTitles = async () => {
      const r = await request('/notes?limit=5');
      expect(r.status).toBe(200);
      return (r.body as { items: Note[] }).items.map((note) => note.title);
    };
    const counters = async () => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const sum = (name: string) =>
        [...text.matchAll(new RegExp(`^${name}\\{[^}]*module="notes"[^}]*\\} (\\d+)`, 'gm'))]
          .map((m) => Number(m[1]))
          .reduce((a, b) => a + b, 0);
      return {
        hits: sum('cache_hits_total'),
        misses: sum('cache_misses_total'),
        errors: sum('cache_errors_total'),
      };
    };
    /** `count` GETs of the notes (and every tenth of the first page), CONCURRENCY at a time. */
    const readLoad = async (notes: Note[], count: number) => {
      const latencies: number[] = [];
      const failures: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < count) {
          const i = next++;
          const note = notes[i % notes.length]!;
          const path = i % 10 === 9 ? '/notes?limit=5' : `/notes/${note.id}`;
          const r = await request(path);
          latencies.push(r.ms);
          if (r.status !== 200) failures.push(`${path}: ${r.status}`);
          else if (!path.includes('?') && (r.body as Note).title !== note.title)
            failures.push(`${path}: wrong body`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      latencies.sort((a, b) => a - b);
      const at = (q: number) =>
        Math.round(latencies[Math.floor(q * (latencies.length - 1))]! * 10) / 10;
      return { failures, p50: at(0.5), p99: at(0.99), max: at(1) };
    };
    const readiness = async () => {
      const r = await request('/readyz');
      const body = r.body as { status: string; checks: Record<string, { status: string }[]> };
      return {
        http: r.status,
        status: body.status,
        postgres: body.checks?.['postgres:connection']?.[0]?.status,
        redis: body.checks?.['redis:connection']?.[0]?.status,
      };
    };
    const waitFor = async (what: string, ok: () => Promise<boolean>, timeoutMs: number) => {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        if (await ok()) return Date.now() - started;
        await sleep(50);
      }
      throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    };

    try {
      await waitFor(
        'readiness',
        async () => (await readiness().catch(() => undefined))?.status === 'pass',
        30_000,
      );
      expect(await readiness()).toEqual({
        http: 200,
        status: 'pass',
        postgres: 'pass',
        redis: 'pass',
      });
      const pid = server.child.pid;

      // 1. Hit rate under a read-heavy load.
      const notes: Note[] = [];
      for (let i = 0; i < NOTES; i += 1) notes.push(await createNote(`note ${i}`));
      const before = await counters();
      const load = await readLoad(notes, READS);
      const after = await counters();
      const hits = after.hits - before.hits;
      const misses = after.misses - before.misses;
      const hitRate = hits / (hits + misses);
      report.load = {
        reads: READS,
        hits,
        misses,
        errors: after.errors - before.errors,
        hitRate,
        ...load,
      };
      expect(load.failures).toEqual([]);
      expect(hitRate).toBeGreaterThan(0.9);

      // 2. Never stale after a write: the cached first page shows each new note at once.
      for (let i = 0; i < 10; i += 1) {
        await firstPageTitles(); // cached now
        const created = await createNote(`fresh ${i}`);
        expect((await firstPageTitles())[0]).toBe(created.title);
        expect((await request(`/notes/${created.id}`)).body).toEqual(created);
      }

      // 3. Redis black-holed (slow, no RST): every command gives up after REDIS_COMMAND_TIMEOUT_MS.
      proxy.setMode('black-hole');
      const slow = await readLoad(notes, 100);
      const slowReady = await readiness();
      proxy.setMode('pass');
      report.blackHole = { ...slow, readiness: slowReady };
      expect(slow.failures).toEqual([]);
      expect(slow.max).toBeLessThan(DEGRADED_LIMIT_MS);
      expect(slowReady).toMatchObject({
        http: 200,
        status: 'warn',
        postgres: 'pass',
        redis: 'warn',
      });

      // 4. Redis partitioned while holding a cached first page: a write during the partition
      // is still visible once it heals (the missed invalidation is sent before the next read).
      await waitFor(
        'redis back after black-hole',
        async () => (await readiness()).redis === 'pass',
        15_000,
      );
      await firstPageTitles();
      await firstPageTitles();
      proxy.setMode('cut');
      const during = await createNote('written during a partition');
      expect((await firstPageTitles())[0]).toBe(during.title);
      proxy.setMode('pass');
      await waitFor(
        'redis back after the partition',
        async () => (await readiness()).redis === 'pass',
        15_000,
      );
      expect((await firstPageTitles())[0]).toBe(during.title);

      // 5. Redis stopped: reads from the database, bounded, readiness warns.
      await redis.stop();
      const down = await readLoad(notes, 300);
      const downReadiness = await request('/readyz');
      report.redisStopped = { ...down, readiness: downReadiness.body };
      expect(down.failures).toEqual([]);
      expect(down.max).toBeLessThan(DEGRADED_LIMIT_MS);
      expect(downReadiness.status).toBe(200);
      expect(downReadiness.body).toMatchObject({
        status: 'warn',
        checks: {
          'postgres:connection': [{ status: 'pass' }],
          'redis:connection': [{ status: 'warn' }],
        },
      });
      const whileDown = await createNote('written while redis was down');
      expect((await firstPageTitles())[0]).toBe(whileDown.title);

      // 6. Redis restarted: the cache is used again without restarting the service.
      const stalled = await counters();
      await redis.start();
      const recoveryMs = await waitFor(
        'cache hits after the restart',
        async () => {
          await request(`/notes/${notes[0]!.id}`);
          return (await counters()).hits > stalled.hits;
        },
        30_000,
      );
      report.recoveryMs = recoveryMs;
      expect((await readiness()).status).toBe('pass');
      expect((await firstPageTitles())[0]).toBe(whileDown.title);
      expect(server.child.pid).toBe(pid);
      expect(server.child.exitCode).toBeNull();

      // One warning per outage window, not one per request; secrets never logged.
      const output = server.output();
      const warnings = output.split('\n').filter((line) => line.includes('cache unavailable'));
      report.cacheWarnings = warnings.length;
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.length).toBeLessThanOrEqual(6);
      expect(output).toContain('redis connection restored');
      expect(output).not.toContain('sentinel-db-9f3a');
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\nmeasured so far: ${JSON.stringify(report)}\nserver output:\n${server.output().slice(-4000)}`,
      );
    } finally {
      console.log(`cache e2e measurements:\n${JSON.stringify(report, null, 2)}`);
      const exitCode = await stopServer(server.child);
      expect(exitCode).toBe(0);
    }
  });
});
