import { badInput } from '../cli/errors.js';
import type { FrameworkId } from '../profile/ids.js';
import type { Profile } from '../profile/schema.js';
import { recommend, type Recommendation } from './recommend.js';
import { formatScore } from './words.js';

/** The notes recommend() writes about its choice (see choiceNotes in recommend.ts). */
const CHOICE_NOTE = /^(Override: |Close call: |\S.* scores highest \()/;

/** A team's rule on which frameworks may be used (a preset's `allowedFrameworks`). */
export interface FrameworkPolicy {
  readonly allowed: readonly FrameworkId[];
  /** Who set it, for the messages: the preset's name. */
  readonly by: string;
}

/**
 * Restricts a recommendation to the allowed frameworks. Scores stay those of the full ranking (so
 * they compare with recommendations made without a policy); the others move to `excluded` with
 * the policy as the reason, and a note names the ones that would have scored better than the
 * choice. Pure; exit 2 when the profile's own pick is not allowed or nothing allowed is scaffoldable.
 */
export function applyPolicy(
  rec: Recommendation,
  policy: FrameworkPolicy,
  forced?: FrameworkId,
): Recommendation {
  const allowed = new Set(policy.allowed);
  if (forced !== undefined && !allowed.has(forced)) {
    throw badInput(
      `framework ${forced} is not allowed by preset ${policy.by} (allowed: ${policy.allowed.join(', ')})`,
    );
  }
  const ranking = rec.ranking.filter((c) => allowed.has(c.id));
  const top = ranking[0];
  const chosen = forced ?? ranking.find((c) => c.scaffoldable)?.id;
  if (!top || chosen === undefined) {
    throw badInput(
      `preset ${policy.by} allows ${policy.allowed.join(', ')}, but none of them both fits this profile and can be scaffolded by this version`,
    );
  }
  const chosenScore = ranking.find((c) => c.id === chosen)?.score ?? 0;
  const byPolicy = rec.ranking.filter((c) => !allowed.has(c.id));
  const better = byPolicy.filter((c) => c.score > chosenScore);
  // The notes about the choice were written for the unrestricted ranking; the rest still apply.
  const notes = rec.notes.filter((n) => !CHOICE_NOTE.test(n));
  const chosenEntry = ranking.find((c) => c.id === chosen);
  if (forced === undefined && top.id !== chosen && !top.scaffoldable && chosenEntry) {
    notes.unshift(
      `${top.displayName} leads among the allowed frameworks (${formatScore(top.score)}), but this tool cannot scaffold it yet; ` +
        `the best allowed one it can is ${chosenEntry.displayName} (${formatScore(chosenEntry.score)}).`,
    );
  }
  notes.unshift(
    better.length > 0
      ? `Preset ${policy.by} allows only ${policy.allowed.join(', ')}. Excluded by that policy although they score higher here: ` +
          better.map((c) => `${c.displayName} (${formatScore(c.score)})`).join(', ') +
          '.'
      : `Preset ${policy.by} allows only ${policy.allowed.join(', ')}; no excluded framework scores higher here.`,
  );
  const runnerUp = ranking.find((c) => c.id !== chosen)?.score ?? 0;
  // Flips towards a framework the policy rules out would not change what gets built.
  const flips = rec.whatWouldChange.filter(
    (line) => !byPolicy.some((c) => line.startsWith(`${c.displayName} would lead`)),
  );
  return {
    ...rec,
    chosen,
    top: top.id,
    ranking,
    excluded: [
      ...rec.excluded.filter((e) => allowed.has(e.id)),
      ...byPolicy.map((c) => ({ id: c.id, reason: `is not allowed by preset ${policy.by}` })),
      ...rec.excluded
        .filter((e) => !allowed.has(e.id))
        .map((e) => ({ id: e.id, reason: `${e.reason}; also not allowed by preset ${policy.by}` })),
    ],
    margin: Math.round((chosenScore - runnerUp) * 10) / 10,
    notes,
    whatWouldChange:
      flips.length > 0
        ? flips
        : ['Among the allowed frameworks, no single change tried alters the answer.'],
  };
}

/** The recommendation for a profile under a team policy (none: the plain recommendation). */
export function recommendUnder(
  profile: Profile,
  policy: FrameworkPolicy | undefined,
): Recommendation {
  const rec = recommend(profile);
  return policy ? applyPolicy(rec, policy, profile.framework) : rec;
}

/** The policy a preset (or the manifest's record of one) sets, if any. */
export function policyOf(
  preset: { name: string; allowedFrameworks?: readonly FrameworkId[] | undefined } | undefined,
): FrameworkPolicy | undefined {
  return preset?.allowedFrameworks
    ? { allowed: preset.allowedFrameworks, by: preset.name }
    : undefined;
}
