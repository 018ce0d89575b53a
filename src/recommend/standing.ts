import { frameworkEntry } from '../catalog/frameworks.js';
import type { FrameworkId } from '../profile/ids.js';
import type { Profile } from '../profile/schema.js';
import { withoutOverride } from './recheck.js';
import { recommend } from './recommend.js';
import { formatScore } from './words.js';

/** What a project's manifest recorded about the recommendation when it was generated. */
export interface StoredRecommendation {
  readonly framework: FrameworkId;
  readonly top: FrameworkId;
  readonly chosen: FrameworkId;
  readonly overridden: boolean;
}

export interface Standing {
  readonly holds: boolean;
  readonly message: string;
}

/**
 * Does the recommendation behind a project still hold for its stored profile under this
 * generator's catalog and weights (which `update` brings in)? Same standards as `recheck`:
 * a framework that led must still lead; the best scaffoldable one must still be; an override
 * only stops holding when the hard constraints now rule it out. Pure.
 */
export function recommendationStanding(stored: StoredRecommendation, profile: Profile): Standing {
  const now = recommend(withoutOverride(profile));
  const name = (id: FrameworkId) => frameworkEntry(id).displayName;
  const framework = stored.framework;
  const exclusion = now.excluded.find((item) => item.id === framework);
  const leader = now.ranking[0];
  const leaderText = leader ? `${name(leader.id)} (${formatScore(leader.score)})` : 'nothing';

  if (exclusion) {
    return {
      holds: false,
      message: `${name(framework)} is now ruled out for this project's profile: it ${exclusion.reason}.`,
    };
  }
  if (!stored.overridden && stored.top === framework && now.top !== framework) {
    return {
      holds: false,
      message: `${name(framework)} led when this project was generated; for the same profile the recommendation now leads with ${leaderText}.`,
    };
  }
  if (!stored.overridden && stored.chosen === framework && now.chosen !== framework) {
    return {
      holds: false,
      message: `${name(framework)} was the best framework this tool could scaffold; it now is ${name(now.chosen)}.`,
    };
  }
  return {
    holds: true,
    message: `The recommendation behind this project still holds: ${name(framework)}${stored.overridden ? ' (your override)' : ''}; leader for its profile: ${leaderText}.`,
  };
}
