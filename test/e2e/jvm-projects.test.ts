import { jest } from '@jest/globals';
import { execa, execaSync } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startPostgres, type PostgresCluster } from '../conformance/harness/postgres.js';
import { selectedTargets } from '../conformance/harness/rows.js';
import { freePort, sleep } from '../conformance/harness/ports.js';
import { childEnv, run as runIn } from '../support/child-process.js';
import { CLI_BIN } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * The end-to-end proof for every JVM target: generate with --yes (dependencies resolved into
 * ~/.m2, which Maven keeps between runs), then the project builds, passes its own JUnit tests
 * (Spring Modulith verification included) against a real PostgreSQL, migrates it with its
 * migrate command and answers its probes when started with the Dockerfile's start command.
 * Without java and mvn on PATH the row is skipped with the reason in its title, except under CI
 * (CI=true), where a missing toolchain fails the run.
 */
jest.setTimeout(20 * 60_000);

const NAME = 'e2e-api';
const ANSWERS_FIXTURE = join(process.cwd(), 'test/fixtures/answers/snapshot.json');

function missingToolchain(): string | undefined {
  const missing = ['java', 'mvn'].filter((tool) => {
    try {
      execaSync(tool, ['-version'], { reject: true, stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  return missing.length === 0 ? undefined : missing.join(' and ');
}

const jvmTargets = selectedTargets().filter(([, target]) => target.ecosystem === 'jvm');
const missing = jvmTargets.length > 0 ? missingToolchain() : undefined;
if (
  missing !== undefined &&
  process.env.CI !== undefined &&
  process.env.CI !== '' &&
  process.env.CI !== 'false'
) {
  throw new Error(
    `the JVM targets need ${missing} on PATH (CI=${process.env.CI} makes this an error, not a skip)`,
  );
}
const runRow = missing === undefined ? describe : describe.skip;
const title =
  missing === undefined
    ? 'a generated %s project, end to end'
    : `a generated %s project, end to end (skipped: no ${missing} on PATH)`;

runRow.each(jvmTargets)(title, (id, target) => {
  let work: string;
  let project: string;
  let pg: PostgresCluster;
  const run = (argv: readonly string[], extra: Record<string, string> = {}) =>
    runIn(argv, project, extra);

  beforeAll(async () => {
    pg = await startPostgres();
    work = await makeTempDir('csb-e2e-jvm-');
    project = join(work, NAME);
  });

  afterAll(async () => {
    await pg?.destroy();
    await removeDir(work);
  });

  it('generates with --yes and resolves its dependencies', async () => {
    const answers = JSON.parse(await readFile(ANSWERS_FIXTURE, 'utf8'));
    const answersFile = join(work, 'answers.json');
    await writeFile(answersFile, JSON.stringify({ ...answers, framework: id }));
    const r = await execa(
      process.execPath,
      [CLI_BIN, NAME, '--yes', '--no-git', '--answers', answersFile],
      {
        cwd: work,
        env: childEnv({ CI: '1' }),
        extendEnv: false,
        reject: false,
        all: true,
      },
    );
    expect({ exit: r.exitCode, out: r.exitCode === 0 ? '' : r.all }).toEqual({ exit: 0, out: '' });
  });

  it('passes its own tests against a real PostgreSQL, then builds', async () => {
    const result = await run(target.commands.test, { TEST_DATABASE_URL: pg.appUrl() });
    // The database-backed tests ran (JUnit reports skipped tests when TEST_DATABASE_URL is unset).
    expect(result.all).toMatch(/Tests run: \d+, Failures: 0, Errors: 0, Skipped: 0/);
    await run(target.commands.build);
  });

  it('migrates with its migrate command and answers its probes when started', async () => {
    const env = { DATABASE_URL: pg.appUrl(), OTEL_SDK_DISABLED: 'true' };
    await run(target.commands.migrate, env);
    const port = await freePort();
    const [command, ...args] = target.commands.start as [string, ...string[]];
    const server = execa(command, args, {
      cwd: project,
      env: childEnv({ ...env, PORT: String(port), SHUTDOWN_DELAY_MS: '0' }),
      extendEnv: false,
      reject: false,
      all: true,
    });
    let output = '';
    server.all?.on('data', (d: Buffer) => (output += d.toString()));
    try {
      let status = 0;
      for (let i = 0; i < 240 && status !== 200; i++) {
        status = await fetch(`http://127.0.0.1:${port}/readyz`, {
          signal: AbortSignal.timeout(2000),
        })
          .then((r) => r.status)
          .catch(() => 0);
        if (status !== 200) await sleep(500);
      }
      expect({ status, output: status === 200 ? '' : output.slice(-3000) }).toEqual({
        status: 200,
        output: '',
      });
    } finally {
      server.kill('SIGTERM');
      await server;
    }
  });
});
