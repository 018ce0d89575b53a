import { say } from '../cli/output.js';
import type { Manifest } from '../manifest/manifest.js';
import { recommendationStanding } from '../recommend/index.js';

/** Says whether the recommendation recorded at generation still holds under this version. */
export function reportStanding(manifest: Manifest): void {
  const standing = recommendationStanding(
    {
      framework: manifest.framework,
      top: manifest.recommendation.top,
      chosen: manifest.recommendation.chosen,
      overridden: manifest.recommendation.overridden,
    },
    manifest.profile,
  );
  say(
    standing.holds
      ? standing.message
      : `Note: the recommendation behind this project no longer holds. ${standing.message}\n` +
          '  Review docs/adr/0001-framework-choice.md; "create-scalable-backend recommend" shows the full ranking.',
  );
}
