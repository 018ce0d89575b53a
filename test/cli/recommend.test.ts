import { jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
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

interface Ranked {
  id: string;
  score: number;
  scaffoldable: boolean;
  criteria: Record<'technical' | 'team' | 'ecosystem' | 'strategic', number>;
  reasons: string[];
}

describe('recommend', () => {
  it('--json prints chosen and a full ranking with criteria and reasons', async () => {
    const r = await runCli(['recommend', '--json', '--yes'], { cwd: work });
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout) as { chosen: string; ranking: Ranked[] };
    expect(out.ranking.length).toBeGreaterThanOrEqual(10);
    expect(out.ranking.map((c) => c.score)).toEqual(
      [...out.ranking.map((c) => c.score)].sort((a, b) => b - a),
    );
    for (const c of out.ranking) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(100);
      for (const k of ['technical', 'team', 'ecosystem', 'strategic'] as const) {
        expect(c.criteria[k]).toBeGreaterThanOrEqual(0);
        expect(c.criteria[k]).toBeLessThanOrEqual(100);
      }
      expect(c.reasons.length).toBeGreaterThan(0);
      for (const reason of c.reasons) expect(reason).toMatch(/^[+-] /);
    }
    const chosen = out.ranking.find((c) => c.id === out.chosen);
    expect(chosen?.scaffoldable).toBe(true);
  });

  it('a Java team on a transactional platform gets a different top pick than a TypeScript team', async () => {
    const common = [
      'recommend',
      '--json',
      '--yes',
      '--data-complexity',
      'transactional',
      '--horizon',
      'platform',
      '--team-size',
      '25',
    ];
    const java = JSON.parse(
      (await runCli([...common, '--skill', 'java=expert'], { cwd: work })).stdout,
    );
    const ts = JSON.parse(
      (await runCli([...common, '--skill', 'typescript=expert'], { cwd: work })).stdout,
    );
    expect(java.ranking[0].id).not.toBe(ts.ranking[0].id);
  });

  it('prints a readable table with bars by default', async () => {
    const r = await runCli(['recommend', '--yes'], { cwd: work });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/fastify/i);
    expect(r.stdout).toMatch(/[█#=]/);
  });

  it('inside a project: re-checks the stored profile with new answers and writes nothing', async () => {
    expect(
      (await runCli(['svc', '--yes', '--no-install', '--no-git'], { cwd: work })).exitCode,
    ).toBe(0);
    const dir = join(work, 'svc');
    const before = await treeSnapshot(dir);
    const same = await runCli(['recommend', '--json'], { cwd: dir });
    expect(same.exitCode).toBe(0);
    expect(JSON.parse(same.stdout).holds).toBe(true);
    const grown = await runCli(
      [
        'recommend',
        '--json',
        '--peak-rps-in-2-years',
        '500000',
        '--p99-target-ms',
        '5',
        '--skill',
        'go=expert',
      ],
      { cwd: dir },
    );
    expect(grown.exitCode).toBe(0);
    const result = JSON.parse(grown.stdout);
    expect(result.summary.join('\n')).toMatch(/peakRpsIn2Years|p99|skills|Go|go/);
    expect(await treeSnapshot(dir)).toEqual(before);
    const manifest = JSON.parse(await readFile(join(dir, '.scalable-backend.json'), 'utf8'));
    expect(manifest.profile.workload.peakRpsIn2Years).toBe(1000);
  });

  it('no terminal and nothing given: exit 2 naming the missing flags', async () => {
    const r = await runCli(['recommend'], { cwd: work });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--skill/);
  });
});
