import { jest } from '@jest/globals';
import { execa } from 'execa';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fastifyTarget } from '../../src/catalog/targets/fastify.js';
import { actionlint } from '../conformance/static/tools.js';
import { run } from '../support/child-process.js';
import { CLI_BIN, REPO_ROOT } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';

/**
 * Issue 11, as a platform team would ship it: the sample preset packed with `npm pack`, installed
 * from that tarball into the team's workspace, and a new service created with
 * `--preset @acme/backend-preset`. The project installs, builds, lints and its CI workflow (with
 * the preset's step) passes actionlint. (The conformance suite runs on the same preset in its
 * `fastify+acme-preset` row.)
 */
jest.setTimeout(15 * 60_000);

let work: string;
let tarball: string;
let workspace: string;

beforeAll(async () => {
  work = await makeTempDir('csb-e2e-preset-');
  await run(
    ['npm', 'pack', join(REPO_ROOT, 'examples/acme-backend-preset'), '--pack-destination', work],
    work,
  );
  tarball = join(
    work,
    (await readdir(work)).find((f) => f.endsWith('.tgz'))!,
  );
  workspace = join(work, 'platform');
  await run(['mkdir', '-p', workspace], work);
  await writeFile(
    join(workspace, 'package.json'),
    '{ "name": "acme-platform", "private": true }\n',
  );
  await run(['npm', 'install', '--no-audit', '--no-fund', tarball], workspace);
});
afterAll(async () => {
  await removeDir(work);
});

describe('a service created with --preset @acme/backend-preset (from a local tarball)', () => {
  const svc = () => join(workspace, 'orders-svc');

  it('is generated and installed with the preset applied', async () => {
    const r = await run(
      [
        process.execPath,
        CLI_BIN,
        'orders-svc',
        '--yes',
        '--no-git',
        '--preset',
        '@acme/backend-preset',
      ],
      workspace,
    );
    expect(r.all).toContain('following preset @acme/backend-preset@1.0.0');
    const manifest = JSON.parse(await readFile(join(svc(), '.scalable-backend.json'), 'utf8'));
    expect(manifest.preset).toMatchObject({
      name: '@acme/backend-preset',
      version: '1.0.0',
      source: '@acme/backend-preset',
    });
    expect(manifest.profile.deployment.target).toBe('kubernetes');
    expect(await readFile(join(svc(), '.github/CODEOWNERS'), 'utf8')).toContain(
      '@acme/orders-svc-maintainers',
    );
  });

  it('builds and lints (boundaries included); its CI workflow passes actionlint', async () => {
    await run(fastifyTarget.commands.build, svc());
    await run(fastifyTarget.commands.lint, svc());
    const [command, ...args] = actionlint();
    const result = await execa(command, [...args, '-no-color', '.github/workflows/ci.yml'], {
      cwd: svc(),
      reject: false,
    });
    expect({ exitCode: result.exitCode, output: result.stdout }).toEqual({
      exitCode: 0,
      output: '',
    });
  });

  it('the tarball itself also works as --preset', async () => {
    await run(
      [
        process.execPath,
        CLI_BIN,
        'from-tgz',
        '--yes',
        '--no-git',
        '--no-install',
        '--preset',
        tarball,
      ],
      work,
    );
    const manifest = JSON.parse(
      await readFile(join(work, 'from-tgz/.scalable-backend.json'), 'utf8'),
    );
    expect(manifest.preset).toMatchObject({ name: '@acme/backend-preset', source: tarball });
  });
});
