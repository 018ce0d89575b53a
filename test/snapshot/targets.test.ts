import { jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { targets } from '../../src/catalog/targets/index.js';
import { validatePartialProfile } from '../../src/profile/answers-file.js';
import { FEATURE_IDS } from '../../src/profile/ids.js';
import { completeProfile } from '../../src/profile/resolve.js';
import { recommend } from '../../src/recommend/index.js';
import { planProject } from '../../src/render/plan.js';
import { renderProject } from '../../src/render/project.js';

jest.setTimeout(60_000);

const FIXTURE = join(process.cwd(), 'test/fixtures/answers/snapshot.json');

/** One sample per target, from a fixed answers file; the target is forced so every row renders. */
describe.each(targets.map((t) => [t.id, t] as const))('rendered tree: %s', (id, target) => {
  it('file list and key files match the snapshot', async () => {
    const partial = validatePartialProfile(JSON.parse(await readFile(FIXTURE, 'utf8')), FIXTURE);
    const profile = completeProfile({ ...partial, framework: id }, 'snapshot-api');
    const plan = planProject({
      profile,
      recommendation: recommend(profile),
      generatorVersion: '0.0.0-snapshot',
      conformanceFixtures: false,
    });
    const tree = await renderProject(plan);
    expect(tree.paths()).toMatchSnapshot('file list');
    for (const file of target.keyFiles) {
      expect(tree.read(file)).toMatchSnapshot(file);
    }
    expect(tree.read('.scalable-backend.json')).toMatchSnapshot('manifest');
    // C1: without the conformance flag, no trace of the fixture routes.
    for (const path of tree.paths()) expect(tree.read(path)).not.toMatch(/__conformance/);
  });
});

/** A render with an optional feature on: one sample per feature a target builds. */
const featureSamples = targets.flatMap((t) =>
  FEATURE_IDS.filter((f) => t.supports.includes(f)).map((f) => [t.id, f] as const),
);
describe.each(featureSamples)('rendered tree: %s with --feature %s', (id, feature) => {
  it('file list and the feature-dependent files match the snapshot', async () => {
    const partial = validatePartialProfile(JSON.parse(await readFile(FIXTURE, 'utf8')), FIXTURE);
    const profile = completeProfile(
      { ...partial, framework: id, features: [feature] },
      'snapshot-api',
    );
    const plan = planProject({
      profile,
      recommendation: recommend(profile),
      generatorVersion: '0.0.0-snapshot',
      conformanceFixtures: false,
    });
    expect(plan.features[feature]).toBe(true);
    const tree = await renderProject(plan);
    expect(tree.paths()).toMatchSnapshot('file list');
    for (const file of ['package.json', 'src/platform/features.ts', '.scalable-backend.json']) {
      expect(tree.read(file)).toMatchSnapshot(file);
    }
    // The pruned lockfile still holds every package the feature's package.json asks for.
    const manifest = JSON.parse(tree.read('package.json')!) as Record<
      string,
      Record<string, string>
    >;
    const lock = JSON.parse(tree.read('package-lock.json')!) as {
      packages: Record<string, unknown>;
    };
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect({ name, locked: `node_modules/${name}` in lock.packages }).toEqual({
        name,
        locked: true,
      });
    }
  });
});
