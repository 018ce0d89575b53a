import { jest } from '@jest/globals';
import { appendFile, cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { git } from '../support/git.js';
import { makeTempDir, removeDir } from '../support/temp.js';
import { treeSnapshot, type Entry } from '../support/tree-snapshot.js';

jest.setTimeout(180_000);

const NOTE = 'src/modules/notes/domain/note.ts';
const ERRORS = 'src/platform/errors.ts';
const ROUTES = 'src/modules/notes/http/notes-routes.ts';
/** v2 of the templates no longer ships this file. */
const DROPPED = 'ops/prometheus/prometheus.yml';

let shared: string;
let pristine: string;
/** A modified copy of templates/ playing the newer generator (CSB_TEMPLATES_ROOT is test-only). */
let v2: string;
let work: string;
let app: string;

beforeAll(async () => {
  shared = await makeTempDir();
  expect((await runCli(['app', '--yes', '--no-install'], { cwd: shared })).exitCode).toBe(0);
  pristine = join(shared, 'app');
  v2 = join(shared, 'templates-v2');
  await cp(join(REPO_ROOT, 'templates'), v2, { recursive: true });
  const fastify = join(v2, 'targets/fastify');
  const layer = join(v2, 'layers/node');
  await appendFile(join(layer, ERRORS), '\nexport const TEMPLATE_V2 = true;\n');
  const note = await readFile(join(layer, NOTE), 'utf8');
  await writeFile(
    join(layer, NOTE),
    note.replace("'A note needs a title.'", "'A note needs a title (v2).'"),
  );
  const routes = await readFile(join(fastify, ROUTES), 'utf8');
  await writeFile(
    join(fastify, ROUTES),
    routes.replace('// JSON Schemas:', '// JSON Schemas (v2):'),
  );
  await rm(join(layer, DROPPED));
});
afterAll(async () => {
  await removeDir(shared);
});
beforeEach(async () => {
  work = await makeTempDir();
  app = join(work, 'app');
  await cp(pristine, app, { recursive: true });
});
afterEach(async () => {
  await removeDir(work);
});

const objectFiles = async (): Promise<string[]> =>
  (await readdir(join(app, '.git/objects'), { recursive: true })).sort();
const snapshot = async (): Promise<Entry[]> =>
  (await treeSnapshot(work)).filter((e) => !/^app\/\.git(\/|$)/.test(e.path));
const update = (args: string[] = [], cwd = app) =>
  runCli(['update', ...args], { cwd, env: { CSB_TEMPLATES_ROOT: v2 } });

describe('update: refusals (exit 2, nothing changed)', () => {
  it('U01: not a git repository', async () => {
    expect(
      (await runCli(['plain', '--yes', '--no-install', '--no-git'], { cwd: work })).exitCode,
    ).toBe(0);
    const before = await snapshot();
    const r = await update([], join(work, 'plain'));
    expect(r.stderr).toMatch(/is not a git repository/);
    expect(r.exitCode).toBe(2);
    expect(await snapshot()).toEqual(before);
  });

  it('U02: a dirty working tree', async () => {
    await appendFile(join(app, 'README.md'), 'wip\n');
    const before = await snapshot();
    const head = await git(app, ['rev-parse', 'HEAD']);
    const r = await update();
    expect(r.stderr).toMatch(/uncommitted changes; commit or stash them first/);
    expect(r.exitCode).toBe(2);
    expect(await snapshot()).toEqual(before);
    expect(await git(app, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it.each([
    [
      'U10: a project from a newer CLI',
      (m: Record<string, unknown>) => ({ ...m, generatorVersion: '99.0.0' }),
      /created by create-scalable-backend 99\.0\.0 > this CLI/,
    ],
    [
      'U03: a hand-broken manifest, naming the field',
      (m: Record<string, unknown>) => ({ ...m, framework: 'cobol' }),
      /framework/,
    ],
  ])('%s', async (_label, edit, message) => {
    const path = join(app, '.scalable-backend.json');
    await writeFile(path, JSON.stringify(edit(JSON.parse(await readFile(path, 'utf8'))), null, 2));
    await git(app, ['commit', '-qam', 'edit the manifest']);
    const before = await snapshot();
    const head = await git(app, ['rev-parse', 'HEAD']);
    const r = await update();
    expect(r.stderr).toMatch(message);
    expect(r.exitCode).toBe(2);
    expect(await snapshot()).toEqual(before);
    expect(await git(app, ['rev-parse', 'HEAD'])).toBe(head);
  });
});

describe('update: merging a newer render', () => {
  it('the same templates: "already up to date", exit 0, no commit', async () => {
    const head = await git(app, ['rev-parse', 'HEAD']);
    const r = await runCli(['update'], { cwd: app });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Already up to date/);
    expect(await git(app, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('--dry-run prints the template diff and changes nothing', async () => {
    const before = await snapshot();
    const head = await git(app, ['rev-parse', 'HEAD']);
    const pristineHead = await git(app, ['rev-parse', 'csb/pristine']);
    const objectsBefore = await objectFiles();
    const r = await update(['--dry-run']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('+export const TEMPLATE_V2 = true;');
    expect(r.stdout).toContain("'A note needs a title (v2).'");
    expect(await snapshot()).toEqual(before);
    expect(await git(app, ['rev-parse', 'HEAD'])).toBe(head);
    expect(await git(app, ['rev-parse', 'csb/pristine'])).toBe(pristineHead);
    // Not even an unreferenced object is left in the repository, nor a worktree entry.
    expect(await objectFiles()).toEqual(objectsBefore);
    expect(await git(app, ['worktree', 'list', '--porcelain'])).not.toContain('csb-update-');
  });

  it('round trip: template changes land, user edits stay byte-identical, deleted files stay deleted, added modules stay', async () => {
    const logger = join(app, 'src/platform/logger.ts');
    await appendFile(logger, '// tuned by the team\n');
    // The user changes a route in a file the template also changes (elsewhere in it).
    const routes = join(app, ROUTES);
    await writeFile(
      routes,
      (await readFile(routes, 'utf8')).replace(
        'maximum: 100, default: 20',
        'maximum: 50, default: 20',
      ),
    );
    await git(app, ['rm', '-q', 'renovate.json']);
    expect((await runCli(['add', 'module', 'orders'], { cwd: app })).exitCode).toBe(0);
    await git(app, ['add', '--all']);
    await git(app, ['commit', '-qm', 'user work']);
    const userLogger = await readFile(logger);
    const userModules = await readFile(join(app, 'src/modules.ts'));

    const r = await update();
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(await readFile(join(app, ERRORS), 'utf8')).toContain('export const TEMPLATE_V2 = true;');
    expect(await readFile(join(app, NOTE), 'utf8')).toContain("'A note needs a title (v2).'");
    expect(await readFile(logger)).toEqual(userLogger);
    const mergedRoutes = await readFile(routes, 'utf8');
    expect(mergedRoutes).toContain('maximum: 50, default: 20');
    expect(mergedRoutes).toContain('// JSON Schemas (v2):');
    expect(await git(app, ['ls-files', DROPPED])).toBe('');
    expect(r.stdout).toMatch(/The recommendation behind this project still holds: Fastify/);
    expect(await readFile(join(app, 'src/modules.ts'))).toEqual(userModules);
    expect(await git(app, ['ls-files', 'renovate.json', 'src/modules/orders/index.ts'])).toBe(
      'src/modules/orders/index.ts',
    );
    const manifest = JSON.parse(await readFile(join(app, '.scalable-backend.json'), 'utf8'));
    expect(manifest.modules).toEqual(['notes', 'orders']);
    expect(await git(app, ['status', '--porcelain'])).toBe('');
    // The merge is recorded against the new pristine render; a second run has nothing to do.
    expect(await git(app, ['rev-parse', 'HEAD^2'])).toBe(
      await git(app, ['rev-parse', 'csb/pristine']),
    );
    const again = await update();
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/Already up to date/);
  });

  it('U07: a file the template dropped but the user modified is kept and reported', async () => {
    await appendFile(join(app, DROPPED), '# scrape our sidecar too\n');
    await git(app, ['commit', '-qam', 'user scrape config']);
    const kept = await readFile(join(app, DROPPED));
    const r = await update();
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`kept modified file removed upstream: ${DROPPED}`);
    expect(await readFile(join(app, DROPPED))).toEqual(kept);
    expect(await readFile(join(app, ERRORS), 'utf8')).toContain('export const TEMPLATE_V2 = true;');
    expect(await git(app, ['status', '--porcelain'])).toBe('');
  });

  it('a line changed on both sides: exit 4, conflict markers and the file list', async () => {
    const note = join(app, NOTE);
    await writeFile(
      note,
      (await readFile(note, 'utf8')).replace(
        "'A note needs a title.'",
        "'Please give the note a title.'",
      ),
    );
    await git(app, ['commit', '-qam', 'user wording']);
    const r = await update();
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/conflicts in 1 file\(s\)/);
    expect(r.stderr).toContain(`  ${NOTE}`);
    const text = await readFile(note, 'utf8');
    expect(text).toMatch(
      /<<<<<<< [\s\S]*Please give the note a title\.[\s\S]*=======[\s\S]*A note needs a title \(v2\)\.[\s\S]*>>>>>>> /,
    );
    expect(await readFile(join(app, ERRORS), 'utf8')).toContain('export const TEMPLATE_V2 = true;');

    // `check` fails while the markers remain, also once the file is staged, and passes after.
    const check = () => runCli(['check'], { cwd: app });
    let c = await check();
    expect(c.exitCode).toBe(4);
    expect(c.stdout).toContain(`${NOTE}: unmerged`);
    await git(app, ['add', NOTE]);
    c = await check();
    expect(c.exitCode).toBe(4);
    expect(c.stdout).toMatch(new RegExp(`${NOTE}: conflict markers at line \\d+`));
    await writeFile(
      note,
      text.replace(/<<<<<<< .*\n([\s\S]*?)=======\n[\s\S]*?>>>>>>> .*\n/, '$1'),
    );
    await git(app, ['add', NOTE]);
    c = await check();
    expect(c.stdout).toContain('No unresolved update conflicts.');
    expect(c.exitCode).toBe(0);
  });
});

describe('U11: a failure or a signal mid-update restores everything', () => {
  it.each([
    ['fail-step:update-branch', 1],
    ['fail-step:update-merged', 1],
    ['signal:SIGINT@step:update-branch', 130],
    ['signal:SIGTERM@step:update-merged', 143],
  ])(
    '%s: exit %i; HEAD, pristine branch, stash and work tree as before',
    async (fault, exitCode) => {
      await appendFile(join(app, 'src/platform/logger.ts'), '// tuned by the team\n');
      await git(app, ['commit', '-qam', 'user work']);
      const before = await snapshot();
      const refs = async () =>
        Promise.all([
          git(app, ['rev-parse', 'HEAD']),
          git(app, ['rev-parse', 'csb/pristine']),
          git(app, ['stash', 'list']),
        ]);
      const refsBefore = await refs();
      const r = await runCli(['update'], {
        cwd: app,
        env: { CSB_TEMPLATES_ROOT: v2, CSB_FAULT: fault },
      });
      expect(r.exitCode).toBe(exitCode);
      expect(await refs()).toEqual(refsBefore);
      expect(await git(app, ['status', '--porcelain'])).toBe('');
      expect(await snapshot()).toEqual(before);
      // And the update still works afterwards.
      expect((await update()).exitCode).toBe(0);
    },
  );
});
