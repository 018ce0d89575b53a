import { jest } from '@jest/globals';
import { appendFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { GIT_ENV, git } from '../support/git.js';
import { makeTempDir, removeDir } from '../support/temp.js';
import { treeSnapshot } from '../support/tree-snapshot.js';

/**
 * Issue 11: team presets. Bad presets and contradicting answers exit 2 with nothing written; a
 * project follows its preset through `recommend` and through an `update` to the preset's next
 * version, which keeps the user's edits.
 */
jest.setTimeout(180_000);

const SAMPLE = join(REPO_ROOT, 'examples/acme-backend-preset');

let work: string;
let preset: string;
beforeEach(async () => {
  work = await makeTempDir('csb-preset-');
  preset = join(work, 'preset');
  await cp(SAMPLE, preset, { recursive: true });
});
afterEach(async () => {
  await removeDir(work);
});

const presetYaml = () => join(preset, 'preset.yaml');
async function editPreset(edit: (text: string) => string): Promise<void> {
  await writeFile(presetYaml(), edit(await readFile(presetYaml(), 'utf8')));
}
const create = (extra: string[] = [], cwd = work) =>
  runCli(['svc', '--yes', '--no-install', '--preset', preset, ...extra], { cwd, env: GIT_ENV });

describe('creating under a preset', () => {
  it('pins its answers, restricts the frameworks, adds its files and records it', async () => {
    const r = await create(['--no-git']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('following preset @acme/backend-preset@1.0.0');
    expect(r.stdout).toMatch(
      /Preset @acme\/backend-preset allows only fastify, nestjs, express, spring-boot/,
    );
    expect(r.stdout).toMatch(
      /Go \(net\/http, chi, Gin\): is not allowed by preset @acme\/backend-preset/,
    );
    const svc = join(work, 'svc');
    const manifest = JSON.parse(await readFile(join(svc, '.scalable-backend.json'), 'utf8'));
    expect(manifest.preset).toEqual({
      name: '@acme/backend-preset',
      version: '1.0.0',
      source: preset,
      allowedFrameworks: ['fastify', 'nestjs', 'express', 'spring-boot'],
    });
    expect(manifest.profile.deployment.target).toBe('kubernetes');
    expect(manifest.profile.team.size).toBe(6); // a preset default, taken with --yes
    expect(await readFile(join(svc, '.github/CODEOWNERS'), 'utf8')).toContain(
      '@acme/svc-maintainers',
    );
    expect(await readFile(join(svc, '.npmrc'), 'utf8')).toContain('@acme:registry=');
    expect(await readFile(join(svc, 'LICENSE'), 'utf8')).toContain('svc is proprietary software');
    expect(await readFile(join(svc, '.github/workflows/ci.yml'), 'utf8')).toMatch(
      /      - name: Licence check \(Acme policy\)\n        run: npx/,
    );
    expect(await readFile(join(svc, 'README.md'), 'utf8')).toContain('## At Acme');
    const adr = await readFile(join(svc, 'docs/adr/0001-framework-choice.md'), 'utf8');
    expect(adr).toContain('Generated under the preset `@acme/backend-preset` 1.0.0.');
  });

  it('recommend --preset ranks only the allowed frameworks', async () => {
    const r = await runCli(
      [
        'recommend',
        '--yes',
        '--json',
        '--preset',
        preset,
        '--skill',
        'go=expert',
        '--skill',
        'typescript=none',
      ],
      {
        cwd: work,
      },
    );
    expect(r.exitCode).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.ranking.map((c: { id: string }) => c.id).sort()).toEqual(
      ['express', 'fastify', 'nestjs', 'spring-boot'].sort(),
    );
    expect(rec.notes[0]).toMatch(/Excluded by that policy although they score higher here: Go/);
  });
});

describe('bad presets and contradicting answers: exit 2, nothing written', () => {
  async function expectRefused(message: RegExp, extra: string[] = []): Promise<void> {
    const before = await treeSnapshot(work);
    const r = await create(['--no-git', ...extra]);
    expect(r.stderr).toMatch(message);
    expect(r.exitCode).toBe(2);
    expect(await treeSnapshot(work)).toEqual(before);
  }

  it('an unknown key, naming it', async () => {
    await editPreset((t) => `${t}\nteamName: acme\n`);
    await expectRefused(/preset .*preset\.yaml is invalid:\n.*teamName/);
  });

  it('a framework id that does not exist', async () => {
    await editPreset((t) => t.replace('[fastify, nestjs, express, spring-boot]', '[fastify, koa]'));
    await expectRefused(/allowedFrameworks\.1: Invalid option/);
  });

  it('an overlay that writes outside the project', async () => {
    await mkdir(join(preset, 'overlay', '{{#if true}}..{{/if}}'), { recursive: true });
    await writeFile(join(preset, 'overlay', '{{#if true}}..{{/if}}', 'escaped.txt'), 'x\n');
    await expectRefused(/would be written outside the project/);
  });

  it('an overlay folder outside the preset', async () => {
    await editPreset((t) => t.replace('overlay: overlay', 'overlay: ../../'));
    await expectRefused(/overlay "\.\.\/\.\.\/" must name something inside the preset/);
  });

  it('an overlay silently replacing a production default', async () => {
    await writeFile(join(preset, 'overlay', 'Dockerfile'), 'FROM scratch\n');
    await expectRefused(/overlay file Dockerfile would replace a file of the generated project/);
  });

  it('a preset requiring a newer generator', async () => {
    await editPreset((t) => t.replace('requiresGenerator: 0.1.0', 'requiresGenerator: 42.0.0'));
    await expectRefused(
      /requires create-scalable-backend 42\.0\.0 or newer; this is \d+\.\d+\.\d+: upgrade the CLI/,
    );
  });

  it('a flag contradicting a pinned answer', async () => {
    await expectRefused(
      /pins answers that your flags or answers file contradict:\n {2}- deployment\.target \(--deployment\): the preset fixes "kubernetes", you gave "serverless"/,
      ['--deployment', 'serverless'],
    );
  });

  it('a framework the preset does not allow', async () => {
    await expectRefused(/framework django is not allowed by preset @acme\/backend-preset/, [
      '--framework',
      'django',
    ]);
  });

  it('a preset that is not there', async () => {
    const before = await treeSnapshot(work);
    const r = await runCli(['svc', '--yes', '--no-install', '--preset', './nope.yaml'], {
      cwd: work,
    });
    expect(r.stderr).toMatch(/preset \.\/nope\.yaml not found/);
    expect(r.exitCode).toBe(2);
    expect(await treeSnapshot(work)).toEqual(before);
  });
});

describe('add in a project that follows a preset', () => {
  it("renders the preset's extra add templates with ours", async () => {
    expect((await create()).exitCode).toBe(0);
    const svc = join(work, 'svc');
    const r = await runCli(['add', 'module', 'billing'], { cwd: svc, env: GIT_ENV });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('CREATE docs/modules/billing.md');
    expect(r.stdout).toContain('CREATE src/modules/billing/index.ts');
    expect(await readFile(join(svc, 'docs/modules/billing.md'), 'utf8')).toContain(
      '# The billing module',
    );
  });

  it('goes on with ours, and says so, when the recorded preset is gone', async () => {
    expect((await create()).exitCode).toBe(0);
    await removeDir(preset);
    const r = await runCli(['add', 'module', 'billing'], { cwd: join(work, 'svc'), env: GIT_ENV });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(
      /preset @acme\/backend-preset was not found at .*; its add templates \(if any\) are skipped/,
    );
    expect(r.stdout).not.toContain('docs/modules/billing.md');
  });
});

describe('update to the preset’s next version', () => {
  it('applies the new version three ways and keeps the user’s edits', async () => {
    expect((await create()).exitCode).toBe(0);
    const svc = join(work, 'svc');
    const readme = join(svc, 'README.md');
    await writeFile(
      readme,
      `> Team note: deploys on Tuesdays.\n\n${await readFile(readme, 'utf8')}`,
    );
    await appendFile(join(svc, '.github/CODEOWNERS'), '/src/modules/billing/ @acme/billing\n');
    await git(svc, ['commit', '-qam', 'team edits']);

    await editPreset((t) => t.replace('version: 1.0.0', 'version: 1.1.0'));
    await appendFile(
      join(preset, 'slots/readme.md.hbs'),
      '- Security contact: `security@acme.example`.\n',
    );
    await writeFile(
      join(preset, 'overlay/SECURITY.md'),
      '# Security\n\nReport to security@acme.example.\n',
    );

    const r = await runCli(['update'], { cwd: svc, env: GIT_ENV });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Preset: @acme/backend-preset@1.1.0 (was 1.0.0).');
    const text = await readFile(readme, 'utf8');
    expect(text.startsWith('> Team note: deploys on Tuesdays.\n')).toBe(true);
    expect(text).toContain('- Security contact: `security@acme.example`.');
    expect(await readFile(join(svc, '.github/CODEOWNERS'), 'utf8')).toContain(
      '/src/modules/billing/ @acme/billing',
    );
    expect(await readFile(join(svc, 'SECURITY.md'), 'utf8')).toContain(
      'Report to security@acme.example.',
    );
    const manifest = JSON.parse(await readFile(join(svc, '.scalable-backend.json'), 'utf8'));
    expect(manifest.preset.version).toBe('1.1.0');
    expect(await git(svc, ['status', '--porcelain'])).toBe('');
    expect((await runCli(['update'], { cwd: svc, env: GIT_ENV })).stdout).toMatch(
      /Already up to date/,
    );
  });

  it('refuses --preset naming another preset than the project follows', async () => {
    expect((await create()).exitCode).toBe(0);
    const other = join(work, 'other');
    await cp(preset, other, { recursive: true });
    await writeFile(
      join(other, 'preset.yaml'),
      (await readFile(join(other, 'preset.yaml'), 'utf8')).replace(
        "name: '@acme/backend-preset'",
        "name: '@other/preset'",
      ),
    );
    const r = await runCli(['update', '--preset', other], { cwd: join(work, 'svc'), env: GIT_ENV });
    expect(r.stderr).toMatch(/is @other\/preset, but this project follows @acme\/backend-preset/);
    expect(r.exitCode).toBe(2);
  });
});
