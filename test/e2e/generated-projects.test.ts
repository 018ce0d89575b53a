import { jest } from '@jest/globals';
import { execa, type ResultPromise } from 'execa';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TargetDefinition } from '../../src/catalog/targets/types.js';
import { APP_DB, startPostgres, type PostgresCluster } from '../conformance/harness/postgres.js';
import { selectedTargets } from '../conformance/harness/rows.js';
import { inCi, missingToolchain } from '../conformance/harness/toolchains.js';
import { freePort, sleep } from '../conformance/harness/ports.js';
import { childEnv, run as runIn } from '../support/child-process.js';
import { CLI_BIN } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * The end-to-end proof for every target: generate with --yes (install included, frozen from the
 * committed lockfile), then the project builds, type-checks, lints (module boundaries included),
 * passes its own tests (on its embedded database where it has one, and on a real PostgreSQL),
 * answers its probes in production mode (real PostgreSQL) and in development mode, and still does
 * all of that after `add` has put a module, two routes, an event and a job in it.
 * `CSB_TARGETS=express,hono` narrows the run. A target whose toolchain is missing is skipped with
 * the reason in its test title, except under CI=true, where that is a failure.
 */
jest.setTimeout(15 * 60_000);

const NAME = 'e2e-api';
const ANSWERS_FIXTURE = join(process.cwd(), 'test/fixtures/answers/snapshot.json');
let work: string;
let project: string;
let pg: PostgresCluster;

/** What differs per ecosystem in this run; the steps are the same. */
interface EcosystemE2e {
  /** Proof that --yes installed the dependencies (a non-empty folder, or a command that must pass). */
  readonly installed: { readonly folder: string } | { readonly command: readonly string[] };
  /** The dev command runs without DATABASE_URL on an embedded database. */
  readonly embeddedDatabase: boolean;
  /** Env that selects production mode. */
  readonly productionEnv: Readonly<Record<string, string>>;
  /**
   * Test output that proves the database tests ran on the real PostgreSQL, where a test runner
   * would report them as skipped and still pass (JUnit, without TEST_DATABASE_URL).
   */
  readonly noneSkipped?: RegExp;
}

const ECOSYSTEM_E2E: Partial<Record<TargetDefinition['ecosystem'], EcosystemE2e>> = {
  node: {
    installed: { folder: 'node_modules' },
    embeddedDatabase: true,
    productionEnv: { NODE_ENV: 'production' },
  },
  go: {
    installed: { command: ['go', 'mod', 'verify'] },
    embeddedDatabase: false,
    productionEnv: {},
  },
  // uv creates the project's .venv from uv.lock; dev mode and the default tests use SQLite.
  python: {
    installed: { folder: '.venv' },
    embeddedDatabase: true,
    productionEnv: { APP_ENV: 'production' },
  },
  // Maven resolves into ~/.m2 (kept between runs): resolving again offline proves --yes fetched
  // everything. Spring Boot has no embedded database; its tests need TEST_DATABASE_URL.
  jvm: {
    installed: { command: ['mvn', '-B', '-q', '--offline', 'dependency:go-offline'] },
    embeddedDatabase: false,
    productionEnv: {},
    noneSkipped: /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0\s*$/m,
  },
};

const runnable = selectedTargets().filter(
  ([, target]) => ECOSYSTEM_E2E[target.ecosystem] !== undefined && !missingToolchain(target),
);
// By id: selectedTargets() builds new row objects on each call.
const notRunnable = selectedTargets().filter(
  ([id]) => !runnable.some(([runnableId]) => runnableId === id),
);

// describe.each rejects an empty table.
if (notRunnable.length > 0)
  describe.each(notRunnable)('a generated %s project, end to end', (_id, target) => {
    const reason = ECOSYSTEM_E2E[target.ecosystem]
      ? missingToolchain(target)!
      : `no end-to-end entry for the ${target.ecosystem} ecosystem`;
    if (inCi()) {
      it(`cannot run: ${reason}`, () => {
        throw new Error(`${reason} (CI must run every target)`);
      });
    } else {
      it.skip(`skipped locally: ${reason} (a failure under CI=true)`, () => undefined);
    }
  });

/** The child environment: Node 24 (the one running the tests) first on PATH, no npm/jest leftovers. */
const run = (argv: readonly string[], extra: Record<string, string> = {}) =>
  runIn(argv, project, extra);

async function waitFor200(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return response;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}

/** Starts a server in its own process group so the whole tree can be stopped by our own PID. */
function startServer(
  argv: readonly string[],
  extra: Record<string, string>,
): { child: ResultPromise; output: () => string } {
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

async function stopServer(child: ResultPromise): Promise<void> {
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
  await child;
  clearTimeout(timer);
}

beforeAll(async () => {
  pg = await startPostgres();
  // Django's test runner (pytest-django) creates and drops a test_<name> database beside the app's.
  await pg.query(`ALTER ROLE ${APP_DB.user} CREATEDB`);
});

afterAll(async () => {
  await pg?.destroy();
});

if (runnable.length > 0)
  describe.each(runnable)('a generated %s project, end to end', (id, target) => {
    const eco = ECOSYSTEM_E2E[target.ecosystem]!;
    beforeAll(async () => {
      work = await makeTempDir('csb-e2e-');
      project = join(work, NAME);
      // An empty database per row: each ecosystem has its own migrator and history table.
      await pg.query(`DROP DATABASE IF EXISTS ${APP_DB.database} WITH (FORCE)`);
      await pg.query(`CREATE DATABASE ${APP_DB.database} OWNER ${APP_DB.user}`);
    });

    afterAll(async () => {
      await removeDir(work);
    });

    it('generates with --yes and installs its dependencies (frozen, from the committed lockfile)', async () => {
      // From an answers file, as a team would keep one: the fixture's profile with this framework.
      const answers = JSON.parse(await readFile(ANSWERS_FIXTURE, 'utf8'));
      const answersFile = join(work, 'answers.json');
      await writeFile(answersFile, JSON.stringify({ ...answers, framework: id }));
      const argv = [CLI_BIN, NAME, '--yes', '--no-git', '--answers', answersFile];
      const r = await execa(process.execPath, argv, {
        cwd: work,
        env: childEnv({ CI: '1' }),
        extendEnv: false,
        reject: false,
        all: true,
      });
      expect({ exit: r.exitCode, out: r.exitCode === 0 ? '' : r.all }).toEqual({
        exit: 0,
        out: '',
      });
      if ('folder' in eco.installed) {
        expect(await readdir(join(project, eco.installed.folder))).not.toHaveLength(0);
      } else {
        await run(eco.installed.command);
      }
    });

    it('builds, type-checks and lints', async () => {
      await run(target.commands.build);
      for (const check of [target.commands.typecheck, target.commands.lint])
        if (check) await run(check);
    });

    if (eco.embeddedDatabase) {
      it('passes its own tests on the embedded database', async () => {
        await run(target.commands.test);
      });
    }

    it('passes the same tests on a real PostgreSQL', async () => {
      const result = await run(target.commands.test, { TEST_DATABASE_URL: pg.appUrl() });
      if (eco.noneSkipped) expect(result.all).toMatch(eco.noneSkipped);
    });

    it('migrates, then boots in production mode on a real PostgreSQL and answers its probes', async () => {
      const env = { DATABASE_URL: pg.appUrl(), ...eco.productionEnv, OTEL_TRACES_EXPORTER: 'none' };
      await run(target.commands.migrate, env);
      const port = await freePort();
      const server = startServer(target.commands.start, {
        ...env,
        PORT: String(port),
        OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()),
      });
      try {
        const live = await waitFor200(`http://127.0.0.1:${port}/livez`, 60_000);
        expect(live.headers.get('content-type')).toMatch(/application\/health\+json/);
        const ready = await waitFor200(`http://127.0.0.1:${port}/readyz`, 30_000);
        expect(await ready.json()).toMatchObject({ status: 'pass' });
      } catch (error) {
        throw new Error(
          `${(error as Error).message}\nserver output:\n${server.output().slice(-4000)}`,
        );
      } finally {
        await stopServer(server.child);
      }
    });

    it(`boots in development mode ${eco.embeddedDatabase ? 'with no DATABASE_URL on the embedded database' : 'on a real PostgreSQL (no embedded database)'}`, async () => {
      const port = await freePort();
      const server = startServer(target.commands.dev, {
        ...(eco.embeddedDatabase ? {} : { DATABASE_URL: pg.appUrl() }),
        PORT: String(port),
        OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()),
        OTEL_TRACES_EXPORTER: 'none',
      });
      try {
        await waitFor200(`http://127.0.0.1:${port}/livez`, 60_000);
        const ready = await waitFor200(`http://127.0.0.1:${port}/readyz`, 60_000);
        expect(await ready.json()).toMatchObject({ status: 'pass' });
      } catch (error) {
        throw new Error(
          `${(error as Error).message}\nserver output:\n${server.output().slice(-4000)}`,
        );
      } finally {
        await stopServer(server.child);
      }
    });

    it('keeps the generated README and manifest consistent with what was chosen', async () => {
      const manifest = JSON.parse(await readFile(join(project, '.scalable-backend.json'), 'utf8'));
      expect(manifest.framework).toBe(id);
      expect(await readFile(join(project, 'README.md'), 'utf8')).toContain(NAME);
    });

    it('after add module, route (GET and POST), event and job: builds, lints and passes its tests', async () => {
      const add = (args: string[]) => run([process.execPath, CLI_BIN, 'add', ...args]);
      await add(['module', 'orders']);
      await add(['route', 'lookup', '--module', 'orders', '--method', 'get']);
      await add(['route', 'quote', '--module', 'orders', '--method', 'post']);
      await add(['event', 'order-placed', '--module', 'orders']);
      await add(['job', 'cleanup', '--module', 'orders', '--every', '5m']);
      await run(target.commands.build);
      for (const check of [target.commands.typecheck, target.commands.lint])
        if (check) await run(check);
      // Without an embedded database, the new module's tests can only run on the real one.
      const result = await run(
        target.commands.test,
        eco.embeddedDatabase ? {} : { TEST_DATABASE_URL: pg.appUrl() },
      );
      if (eco.noneSkipped) expect(result.all).toMatch(eco.noneSkipped);
    });
  });
