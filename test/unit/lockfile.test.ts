import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { targets } from '../../src/catalog/targets/index.js';
import { DEPLOYMENT_TARGETS } from '../../src/profile/ids.js';
import { createEngine, renderTemplate } from '../../src/render/engine.js';
import {
  pruneLockfile,
  resolveEntry,
  serializeLockfile,
  type Lockfile,
} from '../../src/render/lockfile.js';
import { TEMPLATES_ROOT } from '../../src/package-info.js';
import { RENDER_FEATURES } from '../../src/render/plan.js';

const lock = (): Lockfile => ({
  name: 'app',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': {
      name: 'app',
      dependencies: { web: '^1.0.0', queue: '^2.0.0' },
      devDependencies: { tester: '^3.0.0' },
    },
    'node_modules/web': { version: '1.0.0', integrity: 'sha512-w', dependencies: { shared: '^1' } },
    'node_modules/queue': {
      version: '2.0.0',
      integrity: 'sha512-q',
      dependencies: { shared: '^2', redis: '^5' },
    },
    'node_modules/queue/node_modules/shared': { version: '2.0.0', integrity: 'sha512-s2' },
    'node_modules/redis': { version: '5.0.0', integrity: 'sha512-r', license: 'MIT' },
    'node_modules/shared': { version: '1.0.0', integrity: 'sha512-s1' },
    'node_modules/tester': {
      version: '3.0.0',
      integrity: 'sha512-t',
      dev: true,
      peerDependencies: { web: '*', absent: '*' },
      peerDependenciesMeta: { absent: { optional: true } },
    },
  },
});

describe('pruneLockfile', () => {
  it('resolves a dependency at the nearest node_modules, walking up', () => {
    const { packages } = lock();
    expect(resolveEntry(packages, 'node_modules/queue', 'shared')).toBe(
      'node_modules/queue/node_modules/shared',
    );
    expect(resolveEntry(packages, 'node_modules/web', 'shared')).toBe('node_modules/shared');
    expect(resolveEntry(packages, 'node_modules/web', 'nowhere')).toBeUndefined();
  });

  it('is the identity when the manifest matches the lockfile', () => {
    const original = lock();
    const manifest = {
      dependencies: original.packages['']!.dependencies,
      devDependencies: original.packages['']!.devDependencies,
    };
    expect(serializeLockfile(pruneLockfile(original, manifest))).toBe(serializeLockfile(lock()));
  });

  it('drops what only a removed dependency needed, nested copies included', () => {
    const pruned = pruneLockfile(lock(), {
      dependencies: { web: '^1.0.0' },
      devDependencies: { tester: '^3.0.0' },
    });
    expect(Object.keys(pruned.packages)).toEqual([
      '',
      'node_modules/web',
      'node_modules/shared',
      'node_modules/tester',
    ]);
    expect(pruned.packages['']!.dependencies).toEqual({ web: '^1.0.0' });
  });

  it('marks a package dev-only once no production dependency needs it, where npm puts the flag', () => {
    const pruned = pruneLockfile(lock(), {
      dependencies: { queue: '^2.0.0' },
      devDependencies: { tester: '^3.0.0' },
    });
    // web stays: tester (dev) needs it as a peer; now only dev tools do.
    expect(Object.keys(pruned.packages['node_modules/web']!)).toEqual([
      'version',
      'integrity',
      'dev',
      'dependencies',
    ]);
    expect(pruned.packages['node_modules/shared']!.dev).toBe(true);
    expect(pruned.packages['node_modules/redis']!.dev).toBeUndefined();
  });
});

describe("every target's committed lockfile is exactly what its package.json needs", () => {
  // The lockfile holds every optional feature's packages (a render prunes it to the features on),
  // so it is compared with the package.json of a project that has them all, for every deployment
  // answer (Hono adds its Lambda or edge bundler only for those).
  const allFeatures = Object.fromEntries(RENDER_FEATURES.map((feature) => [feature, true]));
  const cases = targets
    .filter((t) => t.ecosystem === 'node')
    .flatMap((t) => DEPLOYMENT_TARGETS.map((deployment) => [t.id, deployment] as const));
  it.each(cases)(
    '%s (%s): pruning against its own package.json (every feature on) changes nothing',
    async (id, deployment) => {
      const engine = createEngine();
      const context = {
        projectName: 'app',
        description: 'd',
        features: allFeatures,
        profile: { deployment: { target: deployment } },
      };
      const render = async (file: string) =>
        renderTemplate(
          engine,
          await readFile(join(TEMPLATES_ROOT, 'targets', id, file), 'utf8'),
          context,
          file,
        );
      const manifest = JSON.parse(await render('package.json.hbs'));
      const committed = await render('package-lock.json.hbs');
      expect(serializeLockfile(pruneLockfile(JSON.parse(committed), manifest))).toBe(committed);
    },
  );
});
