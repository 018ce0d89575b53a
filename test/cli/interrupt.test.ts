import { jest } from '@jest/globals';
import { execa } from 'execa';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI_BIN, runCli } from '../support/cli.js';
import { makeTempDir, removeDir } from '../support/temp.js';
import { treeSnapshot } from '../support/tree-snapshot.js';

jest.setTimeout(180_000);

const GENERATE = ['--yes', '--no-install', '--no-git'];
let work: string;
beforeEach(async () => {
  work = await makeTempDir();
});
afterEach(async () => {
  await removeDir(work);
});

describe('G15/G17: interrupted or failing writes leave no half project', () => {
  // A sweep over write positions: first file, early, middle, and late in the run.
  it.each([1, 3, 20, 45])('G15 SIGINT before write %i: exit 130, nothing left', async (n) => {
    const before = await treeSnapshot(work);
    const r = await runCli(['app', ...GENERATE], {
      cwd: work,
      env: { CSB_FAULT: `signal:SIGINT@write:${n}` },
    });
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toMatch(/Interrupted by SIGINT/);
    expect(await treeSnapshot(work)).toEqual(before);
  });

  it('G15 SIGTERM mid-write: exit 143, nothing left', async () => {
    const r = await runCli(['app', ...GENERATE], {
      cwd: work,
      env: { CSB_FAULT: 'signal:SIGTERM@write:10' },
    });
    expect(r.exitCode).toBe(143);
    expect(await readdir(work)).toEqual([]);
  });

  it('G15 SIGINT while filling a pre-existing directory: it equals its snapshot afterwards', async () => {
    const app = join(work, 'app');
    await mkdir(app);
    await writeFile(join(app, 'README.md'), '# mine\n');
    await writeFile(join(app, 'LICENSE'), 'mine\n');
    const before = await treeSnapshot(work);
    const r = await runCli(['app', ...GENERATE], {
      cwd: work,
      env: { CSB_FAULT: 'signal:SIGINT@write:7' },
    });
    expect(r.exitCode).toBe(130);
    expect(await treeSnapshot(work)).toEqual(before);
  });

  it.each(['fail-write:5', 'nospace-write:30'])(
    'G17 %s: exit 1, partial output removed',
    async (fault) => {
      const before = await treeSnapshot(work);
      const r = await runCli(
        [
          'nested/deeper/app'.split('/').pop()!,
          ...GENERATE,
          '--directory',
          join(work, 'nested', 'deeper', 'app'),
        ],
        {
          cwd: work,
          env: { CSB_FAULT: fault },
        },
      );
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/removed partial output/);
      expect(await treeSnapshot(work)).toEqual(before); // even the parents it had to create are gone
    },
  );
});

describe('G16: a run killed outright', () => {
  it('leaves at most a marked staging directory, which the next run removes with a notice', async () => {
    const stale = join(work, '.csb-staging-app-999999999-abcdef');
    await mkdir(join(stale, 'src'), { recursive: true });
    await writeFile(join(stale, 'src', 'half.ts'), 'export {}');
    const r = await runCli(['app', ...GENERATE], { cwd: work });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/removed .*\.csb-staging-app-999999999-abcdef/);
    expect(await readdir(work)).toEqual(['app']);
  });

  it('SIGKILL mid-write: the target is absent or complete, never half', async () => {
    // The signal fault pauses nothing, so kill from outside at a random point of a real run.
    for (const delayMs of [150, 400, 800]) {
      const dir = join(work, `k${delayMs}`);
      await mkdir(dir);
      const child = execa(process.execPath, [CLI_BIN, 'app', ...GENERATE], {
        cwd: dir,
        reject: false,
        env: { CI: '1' },
      });
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await child;
      const entries = await readdir(dir);
      if (entries.includes('app')) {
        const manifest = JSON.parse(
          await readFile(join(dir, 'app', '.scalable-backend.json'), 'utf8'),
        );
        expect(manifest.framework).toBe('fastify');
      }
      for (const e of entries) expect(e === 'app' || e.startsWith('.csb-staging-app-')).toBe(true);
    }
  });
});

describe('G18: install failure', () => {
  it('keeps every file, exits 3 and prints the retry command', async () => {
    const r = await runCli(['app', '--yes', '--no-git'], {
      cwd: work,
      env: { CSB_FAULT: 'spawn-fail:npm' },
    });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/Project created at .*app, but:/);
    expect(r.stderr).toMatch(/Retry: cd .*app && npm ci/);
    const manifest = JSON.parse(
      await readFile(join(work, 'app', '.scalable-backend.json'), 'utf8'),
    );
    expect(manifest.framework).toBe('fastify');
  });
});

describe('G14: Ctrl-C at a prompt', () => {
  it('exits 130 and writes nothing', async () => {
    const before = await treeSnapshot(work);
    // `script` gives the CLI a real pseudo-terminal, so inquirer prompts; then we press Ctrl-C.
    const child = execa(
      'script',
      ['-qfec', `${process.execPath} ${CLI_BIN} app --no-install --no-git`, '/dev/null'],
      {
        cwd: work,
        reject: false,
        stdin: 'pipe',
        env: { TERM: 'dumb' },
      },
    );
    let seen = '';
    child.stdout?.on('data', (d: Buffer) => (seen += d.toString()));
    const deadline = Date.now() + 30_000;
    while (!/Describe the service/.test(seen) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(seen).toMatch(/Describe the service/);
    child.stdin?.write('\u0003');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(await treeSnapshot(work)).toEqual(before);
  });
});
