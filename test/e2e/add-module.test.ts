import { jest } from '@jest/globals';
import { execa } from 'execa';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fastifyTarget } from '../../src/catalog/targets/fastify.js';
import { freePort } from '../conformance/harness/ports.js';
import { childEnv, exec as execIn, run as runIn } from '../support/child-process.js';
import { CLI_BIN } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * Issue 5 (M09): after `add module` x3 (one name an SQL keyword, one hyphenated), `add route`
 * (POST and GET), `add event` and `add job`, the generated project still type-checks, lints with
 * its boundaries, builds and passes its tests, the new code's included; the built server answers
 * on the new route; a cross-module internal import, a module cycle and a platform→module import
 * each fail the project's `npm run lint`, naming the rule.
 */
jest.setTimeout(15 * 60_000);

const NAME = 'add-e2e';
let work: string;
let project: string;

const exec = (argv: readonly string[], cwd?: string) => execIn(argv, cwd ?? project);
const run = (argv: readonly string[], cwd?: string) => runIn(argv, cwd ?? project);

beforeAll(async () => {
  work = await makeTempDir('csb-e2e-add-');
  project = join(work, NAME);
});
afterAll(async () => {
  await removeDir(work);
});

const add = (...args: string[]) => run([process.execPath, CLI_BIN, 'add', ...args]);

describe('a generated Fastify project after add module x3, route x2, event and job', () => {
  it('generates, installs, and adds the code', async () => {
    await run([process.execPath, CLI_BIN, NAME, '--yes', '--no-git'], work);
    await add('module', 'order');
    await add('module', 'line-items');
    await add('module', 'shipping');
    await add('route', 'quote', '--module', 'shipping');
    await add('route', 'lookup', '--module', 'order', '--method', 'get');
    await add('event', 'order-placed', '--module', 'order');
    await add('job', 'expire-quotes', '--module', 'shipping', '--every', '10m');
  });

  it('type-checks, lints (boundaries included), builds and passes its tests', async () => {
    await run(fastifyTarget.commands.typecheck);
    await run(fastifyTarget.commands.lint); // eslint, then lint:arch
    await run(fastifyTarget.commands.build);
    const tests = await run(fastifyTarget.commands.test);
    for (const suite of [
      'order module over HTTP',
      'line-items module over HTTP',
      'shipping module over HTTP',
      'POST /shipping/quote',
      'GET /order/lookup',
      'order.order-placed event',
      'shipping.expire-quotes job',
    ]) {
      expect(tests.all).toContain(suite);
    }
  });

  it('the built server answers on the added routes (embedded database, migrations on start)', async () => {
    const port = await freePort();
    const server = execa('node', ['--import', './dist/telemetry.js', './dist/main.js'], {
      cwd: project,
      env: childEnv({
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        SHUTDOWN_DELAY_MS: '0',
        RUN_MIGRATIONS_ON_START: 'true',
        // No exporters and no metrics port: this test is about the routes.
        OTEL_SDK_DISABLED: 'true',
      }),
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
      const quote = await fetch(`${base}/shipping/quote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: ' parcel ' }),
      });
      expect(quote.status).toBe(200);
      expect(await quote.json()).toEqual({ result: 'parcel' });
      const lookup = await fetch(`${base}/order/lookup?text=abc`);
      expect(lookup.status).toBe(200);
      expect((await fetch(`${base}/order/lookup`)).status).toBe(422);
    } finally {
      server.kill('SIGTERM');
      const ended = await server;
      if (ended.exitCode !== 0) console.error(ended.all?.slice(-3000));
    }
  });

  // C87-C89: each violation makes `npm run lint` (what the generated CI runs) fail, naming the
  // rule, and the project lints clean again once the offending file is removed.
  it.each([
    [
      "C87: importing another module's internals",
      {
        'src/modules/order/application/peek.ts':
          "import type { ShippingRecord } from '../../shipping/domain/shipping-record.ts';\n\nexport type Peek = ShippingRecord;\n",
      },
      'modules-only-through-index',
    ],
    [
      'C88: a cycle between two modules',
      {
        'src/modules/order/cycle-a.ts':
          "import { b } from '../shipping/cycle-b.ts';\n\nexport const a = (): number => b() + 1;\n",
        'src/modules/shipping/cycle-b.ts':
          "import { a } from '../order/cycle-a.ts';\n\nexport const b = (): number => (Math.random() > 2 ? a() : 0);\n",
      },
      'no-circular',
    ],
    [
      'C89: the platform importing a business module',
      {
        'src/platform/leak.ts':
          "import { orderModule } from '../modules/order/index.ts';\n\nexport const leaked = orderModule.name;\n",
      },
      'platform-not-to-modules',
    ],
  ])('%s fails npm run lint, naming the rule', async (_label, files, rule) => {
    const paths = Object.keys(files).map((file) => join(project, file));
    for (const [file, text] of Object.entries(files)) await writeFile(join(project, file), text);
    try {
      const result = await exec(['npm', 'run', 'lint']);
      expect(result.exitCode).not.toBe(0);
      expect(result.all).toContain(rule);
    } finally {
      for (const path of paths) await rm(path);
    }
    await run(['npm', 'run', 'lint:arch']);
  });
});
