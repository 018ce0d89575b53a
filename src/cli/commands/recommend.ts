import { resolve } from 'node:path';
import { readManifest } from '../../manifest/manifest.js';
import { completeProfile } from '../../profile/resolve.js';
import { formatRecommendationTable, recheck, recommend } from '../../recommend/index.js';
import { EXIT } from '../exit-codes.js';
import { gatherAnswers, isInteractive } from '../gather.js';
import { say } from '../output.js';

export interface RecommendOptions extends Record<string, unknown> {
  json?: boolean;
  yes?: boolean;
  directory?: string;
}

/**
 * Prints the ranking. Inside a generated project it starts from the stored profile, applies the
 * new answers given, and says whether the original choice still holds. It never writes files.
 */
export async function runRecommend(options: RecommendOptions): Promise<number> {
  const projectDir = resolve(options.directory ?? '.');
  const manifest = await readManifest(projectDir);
  const interactive = isInteractive() && !options.yes && !options.json;
  const answers = await gatherAnswers(options, {
    interactive,
    yes: Boolean(options.yes) || manifest !== undefined,
    base: manifest?.profile,
  });
  const profile = completeProfile(answers, answers.projectName ?? manifest?.profile.projectName ?? 'my-api');

  if (manifest) {
    const result = recheck({ profile: manifest.profile, chosen: manifest.framework }, profile);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ holds: result.holds, summary: result.summary, ...result.recommendation }, null, 2)}\n`);
    } else {
      say(formatRecommendationTable(result.recommendation));
      for (const line of result.summary) say(line);
    }
    return EXIT.ok;
  }
  const rec = recommend(profile);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rec, null, 2)}\n`);
  } else {
    say(formatRecommendationTable(rec));
  }
  return EXIT.ok;
}
