import { resolve } from 'node:path';
import { readManifest } from '../../manifest/manifest.js';
import { completeProfile } from '../../profile/resolve.js';
import { GENERATOR_VERSION } from '../../package-info.js';
import { loadPreset } from '../../preset/load.js';
import {
  applyPolicy,
  formatRecommendationTable,
  policyOf,
  recheck,
  recommendUnder,
} from '../../recommend/index.js';
import { EXIT } from '../exit-codes.js';
import { gatherAnswers, isInteractive } from '../gather.js';
import { say } from '../output.js';

export interface RecommendOptions extends Record<string, unknown> {
  json?: boolean;
  yes?: boolean;
  directory?: string;
  preset?: string;
}

/**
 * Prints the ranking. Inside a generated project it starts from the stored profile, applies the
 * new answers given, and says whether the original choice still holds. It never writes files.
 */
export async function runRecommend(options: RecommendOptions): Promise<number> {
  const projectDir = resolve(options.directory ?? '.');
  const manifest = await readManifest(projectDir);
  // Inside a project the preset it was generated under applies; --preset names another one.
  const preset = options.preset
    ? await loadPreset(options.preset, process.cwd(), GENERATOR_VERSION)
    : undefined;
  const policy = policyOf(preset?.preset ?? manifest?.preset);
  const interactive = isInteractive() && !options.yes && !options.json;
  const answers = await gatherAnswers(options, {
    interactive,
    yes: Boolean(options.yes) || manifest !== undefined,
    base: manifest?.profile,
    preset: preset?.preset,
  });
  const profile = completeProfile(
    answers,
    answers.projectName ?? manifest?.profile.projectName ?? 'my-api',
  );

  if (manifest) {
    const checked = recheck({ profile: manifest.profile, chosen: manifest.framework }, profile);
    const result = policy
      ? { ...checked, recommendation: applyPolicy(checked.recommendation, policy) }
      : checked;
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ holds: result.holds, summary: result.summary, ...result.recommendation }, null, 2)}\n`,
      );
    } else {
      say(formatRecommendationTable(result.recommendation));
      for (const line of result.summary) say(line);
    }
    return EXIT.ok;
  }
  const rec = recommendUnder(profile, policy);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rec, null, 2)}\n`);
  } else {
    say(formatRecommendationTable(rec));
  }
  return EXIT.ok;
}
