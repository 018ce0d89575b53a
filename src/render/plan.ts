import { badInput } from '../cli/errors.js';
import { findTarget } from '../catalog/targets/index.js';
import type { TargetDefinition } from '../catalog/targets/types.js';
import type { FrameworkId } from '../profile/ids.js';
import { FEATURE_IDS } from '../profile/ids.js';
import type { Profile } from '../profile/schema.js';
import type { LoadedPreset } from '../preset/load.js';
import type { Recommendation } from '../recommend/index.js';

/** Features a template can switch on: the profile's features plus internal, test-only ones. */
export const RENDER_FEATURES = [...FEATURE_IDS, 'conformance'] as const;
export type RenderFeature = (typeof RENDER_FEATURES)[number];

/** Everything the renderer needs, decided before any file is produced. */
export interface ProjectPlan {
  profile: Profile;
  framework: FrameworkId;
  target: TargetDefinition;
  features: Readonly<Record<RenderFeature, boolean>>;
  recommendation: Recommendation;
  generatorVersion: string;
  /** A team preset rendered after our templates (overlay files, slots), recorded in ADR and manifest. */
  preset?: LoadedPreset | undefined;
}

export function planProject(input: {
  profile: Profile;
  recommendation: Recommendation;
  generatorVersion: string;
  conformanceFixtures: boolean;
  preset?: LoadedPreset | undefined;
}): ProjectPlan {
  const framework = input.recommendation.chosen;
  const target = findTarget(framework);
  if (!target) {
    throw badInput(
      `${framework} cannot be scaffolded by this version yet; scaffoldable: run "create-scalable-backend recommend" to see the options`,
    );
  }
  const wanted = new Set<RenderFeature>(input.profile.features);
  if (input.conformanceFixtures) wanted.add('conformance');
  const unsupported = [...wanted].filter((f) => !target.supports.includes(f));
  if (unsupported.length > 0) {
    throw badInput(
      `Feature ${unsupported.join(', ')} is not available for ${target.id} in this version (available: ${target.supports.filter((f) => f !== 'conformance').join(', ') || 'none yet'})`,
    );
  }
  const features = Object.fromEntries(RENDER_FEATURES.map((f) => [f, wanted.has(f)])) as Record<
    RenderFeature,
    boolean
  >;
  return { ...input, framework, target, features };
}
