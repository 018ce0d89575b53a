import { jest } from '@jest/globals';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { goTarget } from '../../src/catalog/targets/go.js';
import { startPostgres, type PostgresCluster } from '../conformance/harness/postgres.js';
import { freePort } from '../conformance/harness/ports.js';
import { childEnv, exec as execIn, run as runIn } from '../support/child-process.js';
import { CLI_BIN } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * The Go target's `add` generators end to end: after `add module` x2 (one an SQL keyword, one
 * hyphenated), `add route` (POST and GET), `add event` and `add job`, the project still vets,
 * lints (module boundaries + gofmt), builds and passes its tests on a real PostgreSQL; the built
 * server answers on the new routes; a cross-module internal import, a module cycle and a
 * platform→module import each fail the lint command, naming the rule. Without the go toolchain
 * on PATH the run is skipped locally with that reason, and fails under CI=true.
 */
jest.setTimeout(15 * 60_000);

const NAME = 'add-go-e2e';
let work: string;
let project: string;
let pg: PostgresCluster;

const hasGo = (process.env.PATH ?? '')
  .split(delimiter)
  .some((dir) => dir !== '' && existsSync(join(dir, 'go')));
const exec = (argv: readonly string[], extra: Record<string, string> = {}) =>
  execIn(argv, project, extra);
const run = (argv: readonly string[], extra: Record<string, string> = {}) =>
  runIn(argv, project, extra);
const add = (...args: string[]) => run([process.execPath, CLI_BIN, 'add', ...args]);

if (!hasGo && process.env.CI !== 'true') {
  describe('a generated Go project after add', () => {
    it.skip('skipped locally: the go toolchain is not on PATH (a failure under CI=true)', () =>
      undefined);
  });
} else {
  describe('a generated Go project after add module x2, route x2, event and job', () => {
    beforeAll(async () => {
      if (!hasGo) throw new Error('the go toolchain is not on PATH (CI must run the Go target)');
      work = await makeTempDir('csb-e2e-add-go-');
      project = join(work, NAME);
      pg = await startPostgres();
    });
    afterAll(async () => {
      await pg?.destroy();
      if (work) await removeDir(work);
    });

    it('generates, installs, and adds the code', async () => {
      await runIn(
        [process.execPath, CLI_BIN, NAME, '--yes', '--no-git', '--framework', 'go'],
        work,
      );
      await add('module', 'order');
      await add('module', 'line-items');
      await add('route', 'quote', '--module', 'line-items', '--method', 'post');
      await add('route', 'lookup', '--module', 'order', '--method', 'get');
      await add('event', 'order-placed', '--module', 'order');
      await add('job', 'expire-quotes', '--module', 'line-items', '--every', '10m');
    });

    it('vets, lints (boundaries and gofmt), builds and passes its tests on PostgreSQL', async () => {
      await run(goTarget.commands.typecheck);
      await run(goTarget.commands.lint);
      await run(goTarget.commands.build);
      const tests = await run([...goTarget.commands.test, '-v'], {
        TEST_DATABASE_URL: pg.appUrl(),
      });
      for (const test of [
        'TestListOnPostgres',
        'TestQuoteRoute',
        'TestLookupRoute',
        'TestOrderPlacedIsHandled',
        'TestExpireQuotesJob',
      ]) {
        expect(tests.all).toContain(`--- PASS: ${test}`);
      }
      expect(tests.all).not.toContain('--- SKIP');
    });

    it('the built server answers on the added routes (migrated first)', async () => {
      const env = { DATABASE_URL: pg.appUrl(), OTEL_SDK_DISABLED: 'true' };
      await run(goTarget.commands.migrate, env);
      const port = await freePort();
      const server = execa(goTarget.commands.start[0]!, goTarget.commands.start.slice(1), {
        cwd: project,
        env: childEnv({ ...env, PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_DELAY_MS: '0' }),
        extendEnv: false,
        reject: false,
        all: true,
        stdin: 'ignore',
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        let ready = false;
        for (let i = 0; i < 100 && !ready && server.exitCode === null; i += 1) {
          ready = await fetch(`${base}/readyz`).then(
            (r) => r.ok,
            () => false,
          );
          if (!ready) await new Promise((r) => setTimeout(r, 200));
        }
        expect(ready).toBe(true);
        const quote = await fetch(`${base}/line-items/quote`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'parcel' }),
        });
        expect({ status: quote.status, body: await quote.json() }).toEqual({
          status: 200,
          body: { result: 'PARCEL' },
        });
        expect((await fetch(`${base}/order/lookup?text=abc`)).status).toBe(200);
        expect((await fetch(`${base}/order/lookup`)).status).toBe(422);
        expect((await fetch(`${base}/order`)).status).toBe(200);
      } finally {
        server.kill('SIGTERM');
        const ended = await server;
        if (ended.exitCode !== 0) console.error(ended.all?.slice(-3000));
      }
    });

    // C87-C89: each violation makes the lint command (what the generated CI runs) fail, naming
    // the rule, and the project lints clean again once the offending files are removed.
    it.each([
      [
        "C87: importing another module's internals",
        {
          'internal/modules/order/peek.go': `package order\n\nimport "${NAME}/internal/modules/line-items/internal/store"\n\n// Peek leaks another module's record.\ntype Peek = store.Record\n`,
        },
        'through its root package only',
      ],
      [
        'C88: a cycle between two modules',
        {
          'internal/modules/order/cyclea/a.go': `package cyclea\n\nimport "${NAME}/internal/modules/line-items/cycleb"\n\n// A calls B.\nfunc A() int { return cycleb.B() + 1 }\n`,
          'internal/modules/line-items/cycleb/b.go': `package cycleb\n\nimport _ "${NAME}/internal/modules/order"\n\n// B is called by A.\nfunc B() int { return 0 }\n`,
        },
        'cycle',
      ],
      [
        'C89: the platform importing a business module',
        {
          'internal/platform/leak/leak.go': `package leak\n\nimport "${NAME}/internal/modules/order"\n\n// Leaked names a module from the platform.\nvar Leaked = order.New\n`,
        },
        'the platform never depends on modules',
      ],
    ])('%s fails the lint command, naming the rule', async (_label, files, rule) => {
      const paths = Object.keys(files).map((file) => join(project, file));
      for (const [file, text] of Object.entries(files)) {
        await mkdir(dirname(join(project, file)), { recursive: true });
        await writeFile(join(project, file), text);
      }
      try {
        const result = await exec(goTarget.commands.lint);
        expect(result.exitCode).not.toBe(0);
        expect(result.all).toContain(rule);
      } finally {
        for (const path of paths) await rm(path);
        for (const path of paths) await rmdir(dirname(path)).catch(() => undefined);
      }
      await run(goTarget.commands.lint);
    });
  });
}
