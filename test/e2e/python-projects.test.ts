import { jest } from '@jest/globals';
import { execa, type ResultPromise } from 'execa';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_DB, startPostgres, type PostgresCluster } from '../conformance/harness/postgres.js';
import { selectedTargets } from '../conformance/harness/rows.js';
import { freePort, sleep } from '../conformance/harness/ports.js';
import { childEnv, exec, run as runIn } from '../support/child-process.js';
import { CLI_BIN } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * The end-to-end proof for every Python target: generate with --yes (uv installs the committed
 * uv.lock, frozen), then the project builds, passes Django's checks, lints (module boundaries
 * included), passes its own tests on a real PostgreSQL, answers its probes in production mode
 * (PostgreSQL) and in development mode (embedded SQLite), and still does after `add`.
 *
 * Needs uv on PATH (`pip install uv`). Without it the rows are skipped with the reason printed,
 * except in CI (`CI=true`), where a missing toolchain fails the run.
 */
jest.setTimeout(15 * 60_000);

const NAME = 'e2e-api';
const ANSWERS_FIXTURE = join(process.cwd(), 'test/fixtures/answers/snapshot.json');
const pythonTargets = selectedTargets().filter(([, target]) => target.ecosystem === 'python');

async function missingToolchain(): Promise<string | undefined> {
  const uv = await execa('uv', ['--version'], { reject: false });
  return uv.exitCode === 0 ? undefined : 'uv is not on PATH (install it with `pip install uv`)';
}

const missing = await missingToolchain();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
if (missing !== undefined && !inCi && pythonTargets.length > 0) {
  console.warn(`Python project e2e skipped: ${missing}`);
}

describe('the Python toolchain', () => {
  (inCi ? it : it.skip)('is installed in CI (the Python rows need it)', () => {
    expect(missing).toBeUndefined();
  });
});

const runRows =
  missing === undefined ? describe.each(pythonTargets) : describe.skip.each(pythonTargets);

runRows('a generated %s project, end to end', (id, target) => {
  let work: string;
  let project: string;
  let pg: PostgresCluster;
  const run = (argv: readonly string[], extra: Record<string, string> = {}) =>
    runIn(argv, project, extra);

  beforeAll(async () => {
    work = await makeTempDir('csb-e2e-py-');
    project = join(work, NAME);
    pg = await startPostgres();
    // pytest-django creates (and drops) a test_<name> database next to the app's.
    await pg.query(`ALTER ROLE ${APP_DB.user} CREATEDB`);
  });

  afterAll(async () => {
    await pg?.destroy();
    await removeDir(work);
  });

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

  /** Boots `argv` in its own process group, checks both probes, stops it by its own PID. */
  async function bootAndProbe(argv: readonly string[], extra: Record<string, string>) {
    const port = await freePort();
    const [command, ...args] = argv as [string, ...string[]];
    let output = '';
    const child: ResultPromise = execa(command, args, {
      cwd: project,
      env: childEnv({
        ...extra,
        PORT: String(port),
        OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()),
        OTEL_TRACES_EXPORTER: 'none',
      }),
      extendEnv: false,
      reject: false,
      detached: true,
      stdin: 'ignore',
      all: true,
    });
    child.all?.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const live = await waitFor200(`http://127.0.0.1:${port}/livez`, 60_000);
      expect(live.headers.get('content-type')).toMatch(/application\/health\+json/);
      const ready = await waitFor200(`http://127.0.0.1:${port}/readyz`, 30_000);
      expect(await ready.json()).toMatchObject({ status: 'pass' });
    } catch (error) {
      throw new Error(`${(error as Error).message}\nserver output:\n${output.slice(-4000)}`);
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await child;
    }
  }

  it('generates with --yes and installs its dependencies (frozen, from uv.lock)', async () => {
    const answers = JSON.parse(await readFile(ANSWERS_FIXTURE, 'utf8'));
    const answersFile = join(work, 'answers.json');
    await writeFile(answersFile, JSON.stringify({ ...answers, framework: id }));
    const r = await exec(
      [process.execPath, CLI_BIN, NAME, '--yes', '--no-git', '--answers', answersFile],
      work,
    );
    expect({ exit: r.exitCode, out: r.exitCode === 0 ? '' : r.all }).toEqual({ exit: 0, out: '' });
    expect((await stat(join(project, '.venv/bin/python'))).isFile()).toBe(true);
  });

  it('builds, passes its checks (Django system checks, module boundaries) and lints', async () => {
    await run(target.commands.build);
    for (const check of [target.commands.typecheck, target.commands.lint])
      if (check) await run(check);
  });

  it('passes its own tests on a real PostgreSQL', async () => {
    await run(target.commands.test, { DATABASE_URL: pg.appUrl() });
  });

  it('migrates, then boots in production mode on a real PostgreSQL and answers its probes', async () => {
    await run(target.commands.migrate, { DATABASE_URL: pg.appUrl() });
    await bootAndProbe(target.commands.start, { DATABASE_URL: pg.appUrl() });
  });

  it('boots in development mode with no DATABASE_URL on the embedded SQLite', async () => {
    await bootAndProbe(target.commands.dev, {});
  });

  it('after add module, route (GET and POST), event and job: lints and passes its tests', async () => {
    const add = (args: string[]) => run([process.execPath, CLI_BIN, 'add', ...args]);
    await add(['module', 'orders']);
    await add(['route', 'lookup', '--module', 'orders', '--method', 'get']);
    await add(['route', 'quote', '--module', 'orders', '--method', 'post']);
    await add(['event', 'order-placed', '--module', 'orders']);
    await add(['job', 'cleanup', '--module', 'orders', '--every', '5m']);
    for (const check of [target.commands.typecheck, target.commands.lint])
      if (check) await run(check);
    await run(target.commands.test, { DATABASE_URL: pg.appUrl() });
  });
});
