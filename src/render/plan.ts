import { badInput } from '../cli/errors.js';
import { findTarget } from '../catalog/targets/index.js';
import type { TargetDefinition } from '../catalog/targets/types.js';
import type { FrameworkId } from '../profile/ids.js';
import { FEATURE_IDS } from '../profile/ids.js';
import { decideFeatures, type FeatureDecision } from '../profile/features.js';
import type { Profile } from '../profile/schema.js';
import type { LoadedPreset } from '../preset/load.js';
import type { Recommendation } from '../recommend/index.js';

/**
 * Features a template can switch on: the profile's features, the shared parts they imply, and
 * internal, test-only ones.
 */
export const RENDER_FEATURES = [...FEATURE_IDS, 'redis', 'conformance'] as const;
export type RenderFeature = (typeof RENDER_FEATURES)[number];

/**
 * Shared parts no one asks for by name, on when a feature that needs them is: one Redis
 * connection setup (variables, client, compose service, Secret) for the cache, real-time fan-out
 * and the job queue. Not recorded in the manifest: they follow the features.
 */
export const IMPLIED_FEATURES: Readonly<Partial<Record<RenderFeature, readonly RenderFeature[]>>> =
  {
    redis: ['cache', 'realtime', 'jobs'],
  };

function withImplied(wanted: ReadonlySet<RenderFeature>): Set<RenderFeature> {
  const all = new Set(wanted);
  for (const [implied, by] of Object.entries(IMPLIED_FEATURES)) {
    if (by.some((feature) => wanted.has(feature))) all.add(implied as RenderFeature);
  }
  return all;
}

/** The features a project records in its manifest: everything on except the implied parts. */
export function recordedFeatures(
  features: Readonly<Record<RenderFeature, boolean>>,
): RenderFeature[] {
  return RENDER_FEATURES.filter((f) => features[f] && !(f in IMPLIED_FEATURES));
}

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
  /** Every optional feature: on or off and why, and whether this target has it (ADR, summary). */
  featureDecisions: readonly PlannedFeature[];
}

export interface PlannedFeature extends FeatureDecision {
  /** The target has a template folder for it; a wanted feature it lacks is reported, not built. */
  readonly available: boolean;
}

export function planProject(input: {
  profile: Profile;
  recommendation: Recommendation;
  generatorVersion: string;
  conformanceFixtures: boolean;
  preset?: LoadedPreset | undefined;
  /**
   * `update` keeps the features the project was generated with (its manifest), so a newer
   * version never adds a module because its rules changed; a profile answer changes them.
   */
  keepFeatures?: readonly string[] | undefined;
}): ProjectPlan {
  const framework = input.recommendation.chosen;
  const target = findTarget(framework);
  if (!target) {
    throw badInput(
      `${framework} cannot be scaffolded by this version yet; scaffoldable: run "create-scalable-backend recommend" to see the options`,
    );
  }
  const featureDecisions = decideFeatures(input.profile).map((decision) => ({
    ...decision,
    available: target.supports.includes(decision.feature),
  }));
  const kept = input.keepFeatures;
  const wanted = new Set<RenderFeature>(
    featureDecisions
      .filter((d) =>
        kept === undefined || d.source === 'answer' ? d.on : kept.includes(d.feature),
      )
      // Asked for by the workload but not built by this target yet: reported, not an error.
      .filter((d) => d.available || d.source === 'answer')
      .map((d) => d.feature),
  );
  if (input.conformanceFixtures) wanted.add('conformance');
  const unsupported = [...wanted].filter((f) => !target.supports.includes(f));
  if (unsupported.length > 0) {
    throw badInput(
      `Feature ${unsupported.join(', ')} is not available for ${target.id} in this version (available: ${target.supports.filter((f) => f !== 'conformance').join(', ') || 'none yet'})`,
    );
  }
  const rendered = withImplied(wanted);
  const features = Object.fromEntries(RENDER_FEATURES.map((f) => [f, rendered.has(f)])) as Record<
    RenderFeature,
    boolean
  >;
  const { keepFeatures: _kept, ...rest } = input;
  return { ...rest, framework, target, features, featureDecisions };
}

/** One line per feature that is on, or that the workload wants and this target lacks. */
export function featureSummary(decisions: readonly PlannedFeature[]): string[] {
  return decisions
    .filter((d) => d.on)
    .map((d) =>
      d.available
        ? `with ${d.feature}: ${d.because}`
        : `without ${d.feature}: ${d.because}, but this starter does not have it yet (see the ADR)`,
    );
}
