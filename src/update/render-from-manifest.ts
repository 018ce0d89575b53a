import { GENERATOR_VERSION } from '../package-info.js';
import type { Manifest } from '../manifest/manifest.js';
import { badInput } from '../cli/errors.js';
import { loadPreset, type LoadedPreset } from '../preset/load.js';
import { mergeLayers } from '../profile/paths.js';
import { profileSchema, type Profile } from '../profile/schema.js';
import { policyOf, recommend, recommendUnder, type Recommendation } from '../recommend/index.js';
import { planProject } from '../render/plan.js';
import { renderProject } from '../render/project.js';
import type { VirtualTree } from '../render/tree.js';

/**
 * Renders the project again, with this generator, from the answers its manifest recorded, under
 * its preset's current version (or the one `--preset` names). The framework never changes here:
 * whether the recommendation still holds is reported, not acted on.
 */
export async function renderFromManifest(
  manifest: Manifest,
  projectDir: string,
  presetSpec: string | undefined,
): Promise<{ tree: VirtualTree; preset: LoadedPreset | undefined }> {
  const spec = presetSpec ?? manifest.preset?.source;
  const preset = spec ? await loadPreset(spec, projectDir, GENERATOR_VERSION) : undefined;
  if (preset && manifest.preset && preset.preset.name !== manifest.preset.name) {
    throw badInput(
      `--preset ${spec} is ${preset.preset.name}, but this project follows ${manifest.preset.name}`,
    );
  }
  const profile = preset?.preset.fixed
    ? (profileSchema.parse(mergeLayers(manifest.profile, preset.preset.fixed)) as Profile)
    : manifest.profile;
  let recommendation: Recommendation;
  try {
    recommendation = recommendUnder(profile, policyOf(preset?.preset));
  } catch {
    // A policy that no longer allows the project's framework: reported by the standing check.
    recommendation = recommend(profile);
  }
  if (recommendation.chosen !== manifest.framework) {
    recommendation = { ...recommendation, chosen: manifest.framework };
  }
  const tree = await renderProject(
    planProject({
      profile,
      recommendation,
      generatorVersion: GENERATOR_VERSION,
      conformanceFixtures: manifest.features.includes('conformance'),
      preset,
      keepFeatures: manifest.features,
    }),
  );
  return { tree, preset };
}
