import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import type { TargetDefinition } from '../../../src/catalog/targets/types.js';
import { FEATURE_IDS } from '../../../src/profile/ids.js';
import { REPO_ROOT } from '../harness/paths.js';
import { selectedTargets } from '../harness/rows.js';

const PROJECT_NAME = 'static-check-svc';

export interface GeneratedProject {
  dir: string;
  /** Removes the project if this module generated it; keeps a directory passed in by env. */
  cleanup(): Promise<void>;
}

/** A target and the workload features it is generated with. */
export interface StaticVariant {
  readonly target: TargetDefinition;
  readonly features: readonly string[];
}

/**
 * What the static checks run on: each selected target plain, and, when it has workload features,
 * again with all of them on, so the manifests and compose file they add (Redis, a worker) are
 * held to the same checks.
 */
export function staticVariants(): [string, StaticVariant][] {
  return selectedTargets().flatMap(([id, target]) => {
    const features = target.supports.filter((f) => (FEATURE_IDS as readonly string[]).includes(f));
    const plain: [string, StaticVariant] = [id, { target, features: [] }];
    return features.length === 0
      ? [plain]
      : [plain, [`${id}+${features.join('+')}`, { target, features }]];
  });
}

/**
 * A freshly generated project of `target` as users get it (no fixture routes), rendered by the CLI
 * (`npm run build` first), or by `CSB_CONFORMANCE_GENERATOR`, a script taking the same arguments.
 * `CSB_STATIC_PROJECT_DIR` names an already generated project instead.
 */
export async function generatedProject({
  target,
  features,
}: StaticVariant): Promise<GeneratedProject> {
  const given = process.env.CSB_STATIC_PROJECT_DIR;
  if (given) return { dir: resolve(given), cleanup: async () => {} };
  const generator =
    process.env.CSB_CONFORMANCE_GENERATOR ?? join(REPO_ROOT, 'dist', 'src', 'cli', 'index.js');
  if (!existsSync(generator)) {
    throw new Error(
      `generator ${generator} not found: run \`npm run build\` in ${REPO_ROOT} first`,
    );
  }
  const parent = await mkdtemp(join(tmpdir(), 'csb-static-'));
  const dir = join(parent, PROJECT_NAME);
  await execa(
    process.execPath,
    [
      generator,
      PROJECT_NAME,
      '--yes',
      '--no-git',
      '--no-install',
      '--framework',
      target.id,
      '--directory',
      dir,
      // Named features on, the others off, whatever the default profile's workload says.
      ...FEATURE_IDS.flatMap((f) => ['--feature', features.includes(f) ? f : `no-${f}`]),
    ],
    { cwd: REPO_ROOT, timeout: 120_000 },
  );
  return { dir, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
