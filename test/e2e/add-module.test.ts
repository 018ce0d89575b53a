import { jest } from '@jest/globals';
import { execa } from 'execa';
import { rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { fastifyTarget } from '../../src/catalog/targets/fastify.js';
import { CLI_BIN } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * Issue 5 (M09): after `add module` twice (one name an SQL keyword, one hyphenated) the generated
 * project still type-checks, lints with its boundaries, builds and passes its tests, the new
 * modules' included; a deliberate import of another module's internals fails lint:arch by name.
 */
jest.setTimeout(15 * 60_000);

const NAME = 'add-e2e';
let work: string;
let project: string;

function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      v === undefined ||
      k.startsWith('npm_') ||
      k.startsWith('JEST') ||
      k === 'NODE_ENV' ||
      k === 'INIT_CWD'
    )
      continue;
    env[k] = v;
  }
  env.PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  return { ...env, CI: '1', ...extra };
}

async function exec(argv: readonly string[], cwd = project) {
  const [command, ...args] = argv as [string, ...string[]];
  return execa(command, args, {
    cwd,
    env: childEnv(),
    extendEnv: false,
    reject: false,
    all: true,
    stdin: 'ignore',
  });
}

async function run(argv: readonly string[], cwd = project) {
  const result = await exec(argv, cwd);
  if (result.exitCode !== 0)
    throw new Error(`${argv.join(' ')} exited ${result.exitCode}:\n${result.all?.slice(-4000)}`);
  return result;
}

beforeAll(async () => {
  work = await makeTempDir('csb-e2e-add-');
  project = join(work, NAME);
});
afterAll(async () => {
  await removeDir(work);
});

describe('a generated Fastify project after `add module` x2', () => {
  it('generates, installs, and adds two modules', async () => {
    await run([process.execPath, CLI_BIN, NAME, '--yes', '--no-git'], work);
    await run([process.execPath, CLI_BIN, 'add', 'module', 'order']);
    await run([process.execPath, CLI_BIN, 'add', 'module', 'line-items']);
  });

  it('type-checks, lints (boundaries included), builds and passes its tests', async () => {
    await run(fastifyTarget.commands.typecheck);
    await run(fastifyTarget.commands.lint);
    await run(['npm', 'run', 'lint:arch']);
    await run(fastifyTarget.commands.build);
    const tests = await run(fastifyTarget.commands.test);
    expect(tests.all).toContain('order module over HTTP');
    expect(tests.all).toContain('line-items module over HTTP');
  });

  it("a deliberate import of another module's internals fails lint:arch, naming the rule", async () => {
    const intruder = join(project, 'src/modules/order/application/peek.ts');
    await writeFile(
      intruder,
      "import type { LineItemsRecord } from '../../line-items/domain/line-items-record.ts';\n\nexport type Peek = LineItemsRecord;\n",
    );
    try {
      const result = await exec(['npm', 'run', 'lint:arch']);
      expect(result.exitCode).not.toBe(0);
      expect(result.all).toContain('modules-only-through-index');
    } finally {
      await rm(intruder);
    }
  });
});
