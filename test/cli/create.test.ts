import { jest } from '@jest/globals';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { manifestSchema } from '../../src/manifest/manifest.js';
import { runCli } from '../support/cli.js';
import { makeSpawnShim } from '../support/spawn-shim.js';
import { makeTempDir, removeDir } from '../support/temp.js';
import { treeSnapshot } from '../support/tree-snapshot.js';

jest.setTimeout(120_000);

let work: string;
beforeEach(async () => {
  work = await makeTempDir();
});
afterEach(async () => {
  await removeDir(work);
});

describe('create: the happy paths', () => {
  it('--help documents the flags and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.exitCode).toBe(0);
    for (const text of [
      '--yes',
      '--answers',
      '--dry-run',
      '--no-install',
      '--no-git',
      '--package-manager',
      '--force',
    ]) {
      expect(r.stdout).toContain(text);
    }
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*130/);
  });

  it('--yes --no-install --no-git scaffolds a complete project with manifest and ADR', async () => {
    const r = await runCli(['my-api', '--yes', '--no-install', '--no-git'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const dir = join(work, 'my-api');
    const manifest = manifestSchema.parse(
      JSON.parse(await readFile(join(dir, '.scalable-backend.json'), 'utf8')),
    );
    expect(manifest.framework).toBe('fastify');
    expect(manifest.profile.projectName).toBe('my-api');
    expect(manifest.modules.length).toBeGreaterThan(0);
    const adr = await readFile(join(dir, 'docs/adr/0001-framework-choice.md'), 'utf8');
    expect(adr).toMatch(/fastify/i);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('my-api');
    expect(await readdir(work)).toEqual(['my-api']); // no staging directory left behind
    expect((await stat(join(dir, '.gitignore'))).isFile()).toBe(true);
  });

  it('the manifest carries no timestamps: two runs give byte-identical projects', async () => {
    await runCli(['a1', '--yes', '--no-install', '--no-git', '--directory', join(work, 'one')], {
      cwd: work,
    });
    await runCli(['a1', '--yes', '--no-install', '--no-git', '--directory', join(work, 'two')], {
      cwd: work,
    });
    const one = await treeSnapshot(join(work, 'one'));
    const two = await treeSnapshot(join(work, 'two'));
    expect(two).toEqual(one);
  });

  it('reads a YAML answers file and lets flags override it', async () => {
    const answers = join(work, 'answers.yaml');
    await (
      await import('node:fs/promises')
    ).writeFile(
      answers,
      'horizon: platform\nteam:\n  size: 12\n  skills:\n    typescript: expert\nworkload:\n  peakRps: 2000\n',
    );
    const r = await runCli(
      ['svc', '--answers', answers, '--peak-rps', '3000', '--yes', '--no-install', '--no-git'],
      { cwd: work },
    );
    expect(r.exitCode).toBe(0);
    const manifest = JSON.parse(
      await readFile(join(work, 'svc', '.scalable-backend.json'), 'utf8'),
    );
    expect(manifest.profile.horizon).toBe('platform');
    expect(manifest.profile.team.size).toBe(12);
    expect(manifest.profile.workload.peakRps).toBe(3000);
  });

  it('G10: template-injection canaries in the description land literally and every file still parses', async () => {
    const canary = 'a"b a\'b a`b ${process.exit(1)} {{7*7}} <%= 7*7 %> #{7*7} </script> a\\';
    const r = await runCli(
      ['canary', '--description', `${canary}\nkey: injected`, '--yes', '--no-install', '--no-git'],
      { cwd: work },
    );
    expect(r.exitCode).toBe(0);
    const dir = join(work, 'canary');
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg.description).toBe(`${canary}\nkey: injected`);
    const manifest = JSON.parse(await readFile(join(dir, '.scalable-backend.json'), 'utf8'));
    expect(manifest.profile.description).toBe(`${canary}\nkey: injected`);
    for (const entry of await treeSnapshot(dir)) {
      if (entry.type !== 'file') continue;
      const text = await readFile(join(dir, entry.path), 'utf8');
      // tsconfig files are JSON with comments, read the way TypeScript reads them.
      if (/(^|\/)tsconfig[^/]*\.json$/.test(entry.path)) {
        expect(ts.parseConfigFileTextToJson(entry.path, text).error).toBeUndefined();
      } else if (entry.path.endsWith('.json')) {
        expect(() => JSON.parse(text)).not.toThrow();
      }
      if (/\.ya?ml$/.test(entry.path)) expect(() => parseYaml(text)).not.toThrow();
    }
  });

  it('G22: --dry-run writes nothing, spawns nothing, and lists exactly the files a real run writes', async () => {
    const shim = await makeSpawnShim(work);
    const before = await treeSnapshot(work);
    const env = { PATH: shim.path };
    const dry = await runCli(['planned', '--yes', '--dry-run'], { cwd: work, env });
    expect(dry.exitCode).toBe(0);
    expect(await treeSnapshot(work)).toEqual(before);
    expect(await shim.spawned()).toEqual([]);
    const listed = [...dry.stdout.matchAll(/^ {2}CREATE (\S+)/gm)].map((m) => m[1]);
    expect(dry.stdout).toMatch(/Would run:[\s\S]*npm ci/);

    const real = await runCli(['planned', '--yes', '--no-install', '--no-git'], { cwd: work });
    expect(real.exitCode).toBe(0);
    const written = (await treeSnapshot(join(work, 'planned')))
      .filter((e) => e.type === 'file')
      .map((e) => e.path);
    expect(listed.sort()).toEqual(written.sort());
  });

  it('git: the first commit holds the pristine render and csb/pristine points at it', async () => {
    const r = await runCli(['versioned', '--yes', '--no-install'], { cwd: work });
    expect(r.exitCode).toBe(0);
    const { execa } = await import('execa');
    const dir = join(work, 'versioned');
    const { stdout: status } = await execa('git', ['status', '--porcelain'], { cwd: dir });
    expect(status).toBe('');
    const { stdout: branches } = await execa('git', ['branch', '--format=%(refname:short)'], {
      cwd: dir,
    });
    expect(branches.split('\n').sort()).toEqual(['csb/pristine', 'main']);
  });

  it('G21: inside another JavaScript project it warns and leaves that project untouched', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(work, 'package.json'), '{"name":"parent","private":true}\n');
    const before = (await treeSnapshot(work)).filter((e) => e.path === 'package.json');
    const r = await runCli(['child', '--yes', '--no-install', '--no-git'], { cwd: work });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/inside another JavaScript project/);
    expect((await treeSnapshot(work)).filter((e) => e.path === 'package.json')).toEqual(before);
  });
});
