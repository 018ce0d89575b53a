import { jest } from '@jest/globals';
import { execa } from 'execa';
import { chmod, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { makeSpawnShim } from '../support/spawn-shim.js';
import { makeTempDir, removeDir } from '../support/temp.js';
import { treeSnapshot } from '../support/tree-snapshot.js';

jest.setTimeout(120_000);

const GENERATE = ['--yes', '--no-install', '--no-git'];
let work: string;
beforeEach(async () => {
  work = await makeTempDir();
});
afterEach(async () => {
  await removeDir(work);
});

/** Runs the CLI and proves the whole work area is byte-identical afterwards. */
async function expectRefused(args: string[], exitCode: number, message: RegExp, cwd = work) {
  const before = await treeSnapshot(work);
  const r = await runCli(args, { cwd });
  expect(r.stderr).toMatch(message);
  expect(r.exitCode).toBe(exitCode);
  expect(await treeSnapshot(work)).toEqual(before);
  return r;
}

describe('G01/G06/G23: targets that must not be written into', () => {
  it('G01 non-empty directory without --force: exit 2, lists entries, nothing changed', async () => {
    await mkdir(join(work, 'app'));
    await writeFile(join(work, 'app', 'notes.txt'), 'mine');
    await writeFile(join(work, 'app', 'index.js'), 'mine too');
    await expectRefused(['app', ...GENERATE], 2, /not empty \(2 entries: index\.js, notes\.txt\)/);
  });

  it('G06 target is a regular file: exit 2', async () => {
    await writeFile(join(work, 'app'), 'a file');
    await expectRefused(['app', ...GENERATE], 2, /exists and is not a directory/);
  });

  it('G23 re-run on a generated project: exit 2, use add or update', async () => {
    expect((await runCli(['app', ...GENERATE], { cwd: work })).exitCode).toBe(0);
    await expectRefused(['app', ...GENERATE], 2, /already a create-scalable-backend project/);
  });

  it('G08 target is a symlink to a directory elsewhere: exit 2', async () => {
    await mkdir(join(work, 'outside'));
    await symlink(join(work, 'outside'), join(work, 'app'));
    await expectRefused(['app', ...GENERATE], 2, /symlink/);
  });

  it('G08 --force through an inner symlink pointing outside: exit 2, outside untouched', async () => {
    await mkdir(join(work, 'outside'));
    await writeFile(join(work, 'outside', 'keep.txt'), 'outside data');
    await mkdir(join(work, 'app'));
    await writeFile(join(work, 'app', 'user.txt'), 'user');
    await symlink(join(work, 'outside'), join(work, 'app', 'src'));
    await expectRefused(['app', ...GENERATE, '--force'], 2, /symlink/);
  });

  it('G07 parent not writable: exit 2 before any write', async () => {
    // Root ignores permission bits, so the CLI runs as the unprivileged "nobody" user here.
    const parent = join(work, 'readonly');
    await mkdir(parent);
    await chmod(work, 0o755);
    await chmod(parent, 0o555);
    const before = await treeSnapshot(work);
    const r = await execa(
      'runuser',
      [
        '-u',
        'nobody',
        '--',
        process.execPath,
        join(process.cwd(), 'dist/src/cli/index.js'),
        'app',
        ...GENERATE,
      ],
      {
        cwd: parent,
        reject: false,
        env: { CI: '1', HOME: work },
      },
    );
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/EACCES|permission|cannot/i);
    expect(await treeSnapshot(work)).toEqual(before);
  });
});

describe('G03/G04/G05: existing directories', () => {
  it('G03 only allow-listed entries: proceeds, keeps the user files, .git untouched', async () => {
    const app = join(work, 'app');
    await mkdir(app);
    await execa('git', ['init', '-q'], { cwd: app });
    await writeFile(join(app, 'README.md'), '# my own readme\n');
    await writeFile(join(app, 'LICENSE'), 'my licence\n');
    const gitBefore = await treeSnapshot(join(app, '.git'));
    const r = await runCli(['app', ...GENERATE], { cwd: work });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/kept your README\.md; the template's version is README\.md\.csb-new/);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(app, 'README.md'), 'utf8')).toBe('# my own readme\n');
    expect(await readFile(join(app, 'LICENSE'), 'utf8')).toBe('my licence\n');
    expect(await readFile(join(app, 'README.md.csb-new'), 'utf8')).toMatch(/app/);
    expect(await treeSnapshot(join(app, '.git'))).toEqual(gitBefore);
  });

  it('G04 --force overwrites only template paths, lists and backs them up, deletes nothing', async () => {
    const app = join(work, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), '{"name":"old"}\n');
    await writeFile(join(app, 'user-notes.txt'), 'precious');
    const r = await runCli(['app', ...GENERATE, '--force'], { cwd: work });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/overwrote package\.json/);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(app, 'user-notes.txt'), 'utf8')).toBe('precious');
    const backups = await readdir(join(app, '.csb-backup'));
    expect(await readFile(join(app, '.csb-backup', backups[0]!, 'package.json'), 'utf8')).toBe(
      '{"name":"old"}\n',
    );
  });

  it('G05 --force with uncommitted changes on a colliding path: exit 2, unchanged', async () => {
    const app = join(work, 'app');
    await mkdir(app);
    await execa('git', ['init', '-q'], { cwd: app });
    await writeFile(join(app, 'package.json'), '{"name":"old"}\n');
    await expectRefused(['app', ...GENERATE, '--force'], 2, /uncommitted changes: package\.json/);
  });
});

describe('G09: project names', () => {
  it.each([
    '..',
    'My App',
    'node_modules',
    'x'.repeat(215),
    'a\u0007b',
    '$(id)',
    '`id`',
    'a;rm -rf ~',
    '.hidden',
    '_x',
    'café',
    '@scope/',
  ])('refuses %j with exit 2, creates nothing, spawns nothing', async (name) => {
    const shim = await makeSpawnShim(work);
    const before = await treeSnapshot(work);
    const r = await runCli([name, ...GENERATE], { cwd: work, env: { PATH: shim.path } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Invalid project name/);
    expect(await treeSnapshot(work)).toEqual(before);
    expect(await shim.spawned()).toEqual([]);
  });
});

describe('G12/G13: non-interactive use', () => {
  it('G12 no TTY and missing answers: exit 2 fast, naming the flags', async () => {
    const r = await expectRefused(['app', '--no-install'], 2, /Missing answers/);
    expect(r.stderr).toMatch(/--read-write-mix/);
    expect(r.stderr).toMatch(/--skill/);
    expect(r.durationMs).toBeLessThan(5_000 * 3); // generous: contract says 5 s on a quiet machine
  });

  it.each([['--dryrun'], ['\u2013-dry-run'], ['--yess']])(
    'G13 %s is an unknown option, never a name',
    async (flag) => {
      await expectRefused(['app', flag], 2, /unknown option/);
    },
  );

  it('a bad enum value names the allowed choices', async () => {
    await expectRefused(['app', '--yes', '--deployment', 'mainframe'], 2, /kubernetes/);
  });

  it('a malformed answers file: exit 2 naming the file', async () => {
    await writeFile(join(work, 'bad.json'), '{"horizon": ');
    await expectRefused(
      ['app', '--yes', '--answers', join(work, 'bad.json')],
      2,
      /bad\.json is not valid JSON/,
    );
  });

  it('an answers file with a typo in a key: exit 2 naming the key', async () => {
    await writeFile(join(work, 'typo.yaml'), 'horizn: platform\n');
    await expectRefused(['app', '--yes', '--answers', join(work, 'typo.yaml')], 2, /horizn/);
  });

  it('an unknown feature: exit 2', async () => {
    await expectRefused(['app', ...GENERATE, '--feature', 'blockchain'], 2, /features/);
  });

  it('G19 an explicitly asked package manager that is missing: exit 2 before writing', async () => {
    const shim = await makeSpawnShim(work, ['git', 'npm']);
    const before = await treeSnapshot(work);
    const r = await runCli(['app', '--yes', '--package-manager', 'pnpm'], {
      cwd: work,
      env: { PATH: shim.path },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/pnpm is not installed/);
    expect(await treeSnapshot(work)).toEqual(before);
  });
});
