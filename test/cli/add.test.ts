import { jest } from '@jest/globals';
import { cp, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { git } from '../support/git.js';
import { makeTempDir, removeDir } from '../support/temp.js';
import { treeSnapshot, type Entry } from '../support/tree-snapshot.js';

jest.setTimeout(120_000);

let pristine: string;
let pristineRoot: string;
let work: string;
let app: string;

// One generated project (with its git repository) is copied for every test: generating is slow.
beforeAll(async () => {
  pristineRoot = await makeTempDir();
  const r = await runCli(['app', '--yes', '--no-install'], { cwd: pristineRoot });
  expect(r.exitCode).toBe(0);
  pristine = join(pristineRoot, 'app');
});
afterAll(async () => {
  await removeDir(pristineRoot);
});
beforeEach(async () => {
  work = await makeTempDir();
  app = join(work, 'app');
  await cp(pristine, app, { recursive: true });
  await writeFile(join(work, 'sentinel.txt'), 'outside the repo\n');
});
afterEach(async () => {
  await removeDir(work);
});

/** The work area without git's own bookkeeping (git status refreshes .git/index stat data). */
const snapshot = async (): Promise<Entry[]> =>
  (await treeSnapshot(work)).filter((e) => !/^app\/\.git(\/|$)/.test(e.path));

async function expectRefused(args: string[], message: RegExp, env: Record<string, string> = {}) {
  const before = await snapshot();
  const status = await git(app, ['status', '--porcelain']);
  const r = await runCli(['add', ...args], { cwd: app, env });
  expect(r.stderr).toMatch(message);
  expect(r.exitCode).toBe(2);
  expect(await snapshot()).toEqual(before);
  expect(await git(app, ['status', '--porcelain'])).toBe(status);
  return r;
}

const MODULE_FILES = [
  'src/modules/orders/application/orders-repository.ts',
  'src/modules/orders/application/orders-service.ts',
  'src/modules/orders/domain/orders-record.ts',
  'src/modules/orders/http/orders-routes.ts',
  'src/modules/orders/index.ts',
  'src/modules/orders/infrastructure/postgres-orders-repository.ts',
  'src/modules/orders/migrations/001_create_orders.sql',
  'test/orders.test.ts',
];

describe('add module: the happy path', () => {
  it('creates the module, registers it at the markers and records it in the manifest', async () => {
    const r = await runCli(['add', 'module', 'orders'], { cwd: app });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const status = (await git(app, ['status', '--porcelain', '--untracked-files=all']))
      .split('\n')
      .sort();
    expect(status).toEqual(
      [
        ' M .scalable-backend.json',
        ' M docs/architecture.md',
        ' M src/modules.ts',
        ...MODULE_FILES.map((f) => `?? ${f}`),
      ].sort(),
    );
    const diff = await git(app, ['diff', '--unified=0', '--', 'src/modules.ts']);
    const changed = diff.split('\n').filter((l) => /^[+-](?![+-])/.test(l));
    expect(changed).toEqual([
      "+import { ordersModule } from './modules/orders/index.ts';",
      '+  ordersModule,',
    ]);
    const manifest = JSON.parse(await readFile(join(app, '.scalable-backend.json'), 'utf8'));
    expect(manifest.modules).toEqual(['notes', 'orders']);
    const migration = await readFile(
      join(app, 'src/modules/orders/migrations/001_create_orders.sql'),
      'utf8',
    );
    expect(migration).toContain('CREATE TABLE "orders"');
    expect(await readFile(join(app, 'src/modules/orders/http/orders-routes.ts'), 'utf8')).toMatch(
      /schema: \{ body:/,
    );
  });

  it('M05: a user-edited shared file gets exactly the inserted lines, and hyphenated names become identifiers', async () => {
    const modules = join(app, 'src/modules.ts');
    await writeFile(modules, `// our own header comment\n${await readFile(modules, 'utf8')}`);
    await git(app, ['commit', '-qam', 'user edit']);
    const r = await runCli(['add', 'module', 'order-items'], { cwd: app });
    expect(r.exitCode).toBe(0);
    const diff = await git(app, ['diff', '--numstat', '--', 'src/modules.ts']);
    expect(diff).toMatch(/^2\t0\t/);
    const text = await readFile(modules, 'utf8');
    expect(text).toContain("import { orderItemsModule } from './modules/order-items/index.ts';");
    expect(text.startsWith('// our own header comment\n')).toBe(true);
  });

  it('M08: --dry-run lists the changes and writes nothing', async () => {
    const before = await snapshot();
    const r = await runCli(['add', 'module', 'orders', '--dry-run'], { cwd: app });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Dry run: nothing was written');
    expect(r.stdout).toContain('UPDATE src/modules.ts');
    for (const file of MODULE_FILES) expect(r.stdout).toContain(`CREATE ${file}`);
    expect(await snapshot()).toEqual(before);
  });

  it('--directory points at the project from elsewhere', async () => {
    const r = await runCli(['add', 'module', 'orders', '--directory', app], { cwd: work });
    expect(r.exitCode).toBe(0);
    expect((await stat(join(app, 'src/modules/orders/index.ts'))).isFile()).toBe(true);
  });
});

describe('add module: the module map in docs/architecture.md', () => {
  it('draws the new module on the Mermaid map; a removed map marker is skipped with a note', async () => {
    expect((await runCli(['add', 'module', 'orders'], { cwd: app })).exitCode).toBe(0);
    const doc = await readFile(join(app, 'docs/architecture.md'), 'utf8');
    expect(doc).toContain('  registry --> mod_orders\n');
    expect(doc).toMatch(/\n {4}mod_orders\["orders<br\/>/);
    await git(app, ['add', '--all']);
    await git(app, ['commit', '-qm', 'orders']);

    await writeFile(join(app, 'docs/architecture.md'), '# Our own architecture notes\n');
    await git(app, ['commit', '-qam', 'rewrite the docs']);
    const r = await runCli(['add', 'module', 'billing'], { cwd: app });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /SKIP {3}docs\/architecture\.md: its "csb:slot:module-map" marker is gone/,
    );
    expect(await readFile(join(app, 'docs/architecture.md'), 'utf8')).toBe(
      '# Our own architecture notes\n',
    );
  });
});

describe('add route, event and job', () => {
  const added = async () =>
    (await git(app, ['status', '--porcelain', '--untracked-files=all'])).split('\n').sort();

  it('route: a POST endpoint with its schema, use case and test, registered in the module routes', async () => {
    const r = await runCli(['add', 'route', 'archive', '--module', 'notes'], { cwd: app });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(await added()).toEqual([
      ' M src/modules/notes/http/notes-routes.ts',
      '?? src/modules/notes/application/archive.ts',
      '?? src/modules/notes/http/archive-route.ts',
      '?? test/notes-archive-route.test.ts',
    ]);
    const diff = await git(app, [
      'diff',
      '--unified=0',
      '--',
      'src/modules/notes/http/notes-routes.ts',
    ]);
    expect(diff.split('\n').filter((l) => /^[+-](?![+-])/.test(l))).toEqual([
      "+import { archiveRoute } from './archive-route.ts';",
      '+    await app.register(archiveRoute);',
    ]);
    const route = await readFile(join(app, 'src/modules/notes/http/archive-route.ts'), 'utf8');
    expect(route).toContain('app.post<{ Body: ArchiveInput }>(');
    expect(route).toContain('schema: { body: input, response }');
  });

  it('route --method get validates the query string instead', async () => {
    const r = await runCli(['add', 'route', 'search', '--module', 'notes', '--method', 'get'], {
      cwd: app,
    });
    expect(r.exitCode).toBe(0);
    const route = await readFile(join(app, 'src/modules/notes/http/search-route.ts'), 'utf8');
    expect(route).toContain('app.get<{ Querystring: SearchInput }>(');
    expect(route).toContain('schema: { querystring: input, response }');
  });

  it('event: a typed event exported by the module and a subscribed handler', async () => {
    const r = await runCli(['add', 'event', 'note-archived', '--module', 'notes'], { cwd: app });
    expect(r.exitCode).toBe(0);
    expect(await added()).toEqual([
      ' M src/modules/notes/index.ts',
      '?? src/modules/notes/events/note-archived.ts',
      '?? src/modules/notes/events/on-note-archived.ts',
      '?? test/notes-note-archived-event.test.ts',
    ]);
    const index = await readFile(join(app, 'src/modules/notes/index.ts'), 'utf8');
    expect(index).toContain(
      "export { noteArchived, type NoteArchived } from './events/note-archived.ts';",
    );
    expect(index).toContain(
      "deps.events.subscribe(noteArchived, 'notes.on-note-archived', onNoteArchived(deps.logger));",
    );
    expect(
      await readFile(join(app, 'src/modules/notes/events/note-archived.ts'), 'utf8'),
    ).toContain("defineEvent<NoteArchived>('notes.note-archived')");
  });

  it('job: scheduled in the module setup with the interval given', async () => {
    const r = await runCli(['add', 'job', 'purge-old', '--module', 'notes', '--every', '1h'], {
      cwd: app,
    });
    expect(r.exitCode).toBe(0);
    const job = await readFile(join(app, 'src/modules/notes/jobs/purge-old.ts'), 'utf8');
    expect(job).toContain("name: 'notes.purge-old'");
    expect(job).toContain('everyMs: 3600000');
    expect(await readFile(join(app, 'src/modules/notes/index.ts'), 'utf8')).toContain(
      'deps.jobs.schedule(purgeOldJob(deps));',
    );
  });

  it('M08: --dry-run lists the changes and writes nothing', async () => {
    const before = await snapshot();
    const r = await runCli(['add', 'event', 'note-archived', '--module', 'notes', '--dry-run'], {
      cwd: app,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('UPDATE src/modules/notes/index.ts');
    expect(r.stdout).toContain('CREATE src/modules/notes/events/note-archived.ts');
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    [['route', 'archive'], /"add route" needs --module <name>.*\(this project's modules: notes\)/],
    [['event', 'paid', '--module', 'billing'], /no module "billing" in this project/],
    [['job', 'sweep', '--module', '../notes'], /--module: Invalid module name "\.\.\/notes"/],
    [['route', '../../etc', '--module', 'notes'], /Invalid route name "\.\.\/\.\.\/etc"/],
    [['event', 'class', '--module', 'notes'], /Invalid event name "class"/],
    [['route', 'x', '--module', 'notes', '--method', 'put'], /--method must be one of post, get/],
    [['job', 'sweep', '--module', 'notes', '--every', '0s'], /--every must be/],
    [['module', 'orders', '--module', 'notes'], /--module does not apply to "add module"/],
  ])('M01: refuses %j with exit 2 and writes nothing', async (args, message) => {
    await expectRefused(args, message);
  });

  it('M02: an existing route in the module: exit 2 naming the files, nothing registered twice', async () => {
    expect(
      (await runCli(['add', 'route', 'archive', '--module', 'notes'], { cwd: app })).exitCode,
    ).toBe(0);
    await git(app, ['add', '--all']);
    await git(app, ['commit', '-qm', 'archive']);
    await expectRefused(
      ['route', 'archive', '--module', 'notes'],
      /route `archive` already exists in module `notes` \(src\/modules\/notes\/application\/archive\.ts/,
    );
  });

  it('M04: the module index lost its marker: exit 2 with the lines to add by hand, no new files', async () => {
    const index = join(app, 'src/modules/notes/index.ts');
    await writeFile(
      index,
      (await readFile(index, 'utf8')).replace(/ *\/\/ csb:slot:event-handlers.*\n/, ''),
    );
    await git(app, ['commit', '-qam', 'tidy the index']);
    const r = await expectRefused(
      ['event', 'note-archived', '--module', 'notes'],
      /cannot find the insertion point; nothing was written/,
    );
    expect(r.stderr).toContain(
      "deps.events.subscribe(noteArchived, 'notes.on-note-archived', onNoteArchived(deps.logger));",
    );
  });
});

describe('add module: refusals leave the repository untouched', () => {
  const BAD_NAMES = [
    '../../etc',
    '/abs',
    '..\\..\\win',
    'foo/../../bar',
    '%2e%2e%2f',
    '.git/hooks/pre-commit',
    'node_modules/x',
    'CON',
    'con',
    'class',
    '__proto__',
    'constructor',
    'package',
    'func',
    'None',
    'lambda',
    'Notes',
    'x'.repeat(200),
    '',
    'a--b',
    'trailing-',
    '9lives',
    'health',
    'schema-migrations',
  ];
  it('M01: invalid or reserved names: exit 2 with the rule', async () => {
    for (const name of BAD_NAMES) {
      await expectRefused(
        ['module', name],
        /Invalid module name .*must match `\^\[a-z\]\[a-z0-9-\]\{0,62\}\$` and not be a reserved word/,
      );
    }
  });

  it('M02: an existing module: exit 2, and nothing is registered twice', async () => {
    await expectRefused(
      ['module', 'notes'],
      /module `notes` already exists \(src\/modules\/notes\)/,
    );
    expect((await runCli(['add', 'module', 'orders'], { cwd: app })).exitCode).toBe(0);
    await git(app, ['add', '--all']);
    await git(app, ['commit', '-qm', 'orders']);
    const mtime = (await stat(join(app, 'src/modules.ts'))).mtimeMs;
    await expectRefused(['module', 'orders'], /module `orders` already exists/);
    expect((await stat(join(app, 'src/modules.ts'))).mtimeMs).toBe(mtime);
  });

  it('M03: not a generated project, or one from a newer CLI: exit 2', async () => {
    await expectRefused(
      ['module', 'orders', '--directory', work],
      /is not a create-scalable-backend project/,
    );
    const manifestPath = join(app, '.scalable-backend.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, generatorVersion: '99.0.0' }));
    await git(app, ['commit', '-qam', 'from the future']);
    await expectRefused(
      ['module', 'orders'],
      /created by create-scalable-backend 99\.0\.0 > this CLI .*; upgrade the CLI/,
    );
  });

  it('M04: a removed marker: exit 2 with the snippet to add by hand, and no new files either', async () => {
    const modules = join(app, 'src/modules.ts');
    const text = await readFile(modules, 'utf8');
    await writeFile(modules, text.replace(/^\s*\/\/ csb:slot:modules.*\n/m, ''));
    await git(app, ['commit', '-qam', 'refactor the registry']);
    const r = await expectRefused(['module', 'orders'], /cannot find the insertion point/);
    expect(r.stderr).toContain('src/modules.ts: the "// csb:slot:modules" marker; add by hand:');
    expect(r.stderr).toContain('ordersModule,');
  });

  it('M07: uncommitted changes in a file it would modify: exit 2 unless --allow-dirty', async () => {
    const modules = join(app, 'src/modules.ts');
    await writeFile(modules, `${await readFile(modules, 'utf8')}// work in progress\n`);
    await expectRefused(
      ['module', 'orders'],
      /uncommitted changes in files this would modify: src\/modules\.ts/,
    );
    const r = await runCli(['add', 'module', 'orders', '--allow-dirty'], { cwd: app });
    expect(r.exitCode).toBe(0);
    expect(await readFile(modules, 'utf8')).toMatch(/ordersModule,[\s\S]*\/\/ work in progress\n$/);
  });

  it('an unknown generator: exit 2 naming the available ones', async () => {
    await expectRefused(
      ['widget', 'orders'],
      /unknown generator "widget"; available: module, route, event, job/,
    );
  });
});

describe('M06: a failure or a signal mid-add rolls every file back', () => {
  it.each([
    ['fail-write:1', 1],
    ['fail-write:2', 1],
    ['nospace-write:6', 1],
    ['fail-write:10', 1],
    ['signal:SIGINT@write:3', 130],
    ['signal:SIGTERM@write:9', 143],
  ])('%s: exit %i, the repository equals its snapshot', async (fault, exitCode) => {
    const before = await snapshot();
    const r = await runCli(['add', 'module', 'orders'], { cwd: app, env: { CSB_FAULT: fault } });
    expect(r.exitCode).toBe(exitCode);
    expect(await snapshot()).toEqual(before);
    expect(await git(app, ['status', '--porcelain'])).toBe('');
  });
});
