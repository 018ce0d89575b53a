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
  // The lockfile holds the packages of every optional feature and of every deployment answer
  // (Hono adds its Lambda or edge bundler only for those); a render prunes it to what the
  // project's package.json lists. So it is compared with the union of those package.json files.
  const allFeatures = Object.fromEntries(RENDER_FEATURES.map((feature) => [feature, true]));
  const nodeTargets = targets.filter((t) => t.ecosystem === 'node').map((t) => t.id);
  it.each(nodeTargets)(
    '%s: pruning against its package.json (every feature, every deployment) changes nothing',
    async (id) => {
      const engine = createEngine();
      const render = async (file: string, deployment: string) =>
        renderTemplate(
          engine,
          await readFile(join(TEMPLATES_ROOT, 'targets', id, file), 'utf8'),
          {
            projectName: 'app',
            description: 'd',
            features: allFeatures,
            profile: { deployment: { target: deployment } },
          },
          file,
        );
      type Manifest = Record<string, Record<string, string> | undefined>;
      const union: Manifest = {};
      for (const deployment of DEPLOYMENT_TARGETS) {
        const manifest = JSON.parse(await render('package.json.hbs', deployment)) as Manifest;
        for (const [key, value] of Object.entries(manifest)) {
          // Dependency maps merged and kept in npm's (alphabetical) order.
          union[key] =
            typeof value === 'object' && value !== null
              ? Object.fromEntries(
                  Object.entries({ ...union[key], ...value }).sort(([a], [b]) =>
                    a.localeCompare(b),
                  ),
                )
              : value;
        }
      }
      const committed = await render('package-lock.json.hbs', DEPLOYMENT_TARGETS[0]);
      expect(serializeLockfile(pruneLockfile(JSON.parse(committed), union))).toBe(committed);
    },
  );
});
