import type { FrameworkEntry } from '../catalog/frameworks.js';
import { FRAMEWORKS } from '../catalog/frameworks.js';
import { scaffoldableIds } from '../catalog/targets/index.js';
import type { FrameworkId } from '../profile/ids.js';
import type { Profile } from '../profile/schema.js';
import type { CriterionId } from './criteria.js';
import { workloadConflicts } from './constraints.js';
import { describeFlip, findFlips } from './counterfactuals.js';
import { formatReason, reasonsFor } from './explain.js';
import { teamKnowsNoCatalogLanguage } from './familiarity.js';
import type { CandidateScore, Ranking } from './score.js';
import { rankFrameworks, roundScore, scoreCandidate } from './score.js';
import { formatScore } from './words.js';

export interface RankedCandidate {
  id: FrameworkId;
  displayName: string;
  /** 0-100, one decimal. */
  score: number;
  scaffoldable: boolean;
  /** Each 0-100, one decimal. */
  criteria: Record<CriterionId, number>;
  /** Each starts with '+ ' or '- ', strongest first. */
  reasons: string[];
}

export interface Recommendation {
  /** What would be scaffolded: the profile's override, else the best scaffoldable candidate. */
  chosen: FrameworkId;
  /** Best overall, scaffoldable or not. */
  top: FrameworkId;
  /** Eligible candidates, best first; hard-constraint exclusions are not listed here. */
  ranking: RankedCandidate[];
  excluded: { id: FrameworkId; reason: string }[];
  /**
   * Score of `chosen` minus the best score among the other ranked candidates: positive = lead over
   * the runner-up, negative = how far behind the leader the chosen framework is.
   */
  margin: number;
  /** Honesty notes: unscaffoldable leader with the gap, override, conflicts, close calls. */
  notes: string[];
  whatWouldChange: string[];
}

/** A lead smaller than this is reported as a close call: either option is defensible. */
export const CLOSE_CALL_POINTS = 2;
export const MAX_WHAT_WOULD_CHANGE = 6;

function toRankedCandidate(
  candidate: CandidateScore,
  profile: Profile,
  ranking: Ranking,
  catalog: readonly FrameworkEntry[],
): RankedCandidate {
  const criteria = {} as Record<CriterionId, number>;
  for (const [id, value] of Object.entries(candidate.criteria)) {
    criteria[id as CriterionId] = roundScore(value);
  }
  return {
    id: candidate.entry.id,
    displayName: candidate.entry.displayName,
    score: roundScore(candidate.total),
    scaffoldable: scaffoldableIds.has(candidate.entry.id),
    criteria,
    reasons: reasonsFor(candidate, profile, ranking.demand, catalog).map(formatReason),
  };
}

function nameOf(id: FrameworkId, catalog: readonly FrameworkEntry[]): string {
  return catalog.find((entry) => entry.id === id)?.displayName ?? id;
}

/** The chosen framework's score; an override the hard constraints exclude is scored anyway. */
function chosenScoreOf(
  chosen: FrameworkId,
  ranked: readonly RankedCandidate[],
  profile: Profile,
  ranking: Ranking,
  catalog: readonly FrameworkEntry[],
): number {
  const inRanking = ranked.find((candidate) => candidate.id === chosen);
  if (inRanking) return inRanking.score;
  const entry = catalog.find((item) => item.id === chosen);
  if (!entry) throw new Error(`no catalog entry for framework "${chosen}"`);
  const scored = scoreCandidate(entry, catalog.indexOf(entry), profile, ranking.demand, catalog);
  return roundScore(scored.total);
}

/** What a reader must not miss: an override and its cost, or a leader this tool cannot scaffold. */
function choiceNotes(
  profile: Profile,
  chosen: FrameworkId,
  chosenScore: number,
  ranked: readonly RankedCandidate[],
  ranking: Ranking,
  catalog: readonly FrameworkEntry[],
): string[] {
  const name = (id: FrameworkId) => nameOf(id, catalog);
  const [top, runnerUp] = ranked;
  if (!top) return [];
  const notes: string[] = [];
  if (profile.framework) {
    const exclusion = ranking.excluded.find((item) => item.id === chosen);
    const position = ranked.findIndex((candidate) => candidate.id === chosen) + 1;
    let note = `Override: the profile asks for ${name(chosen)} (${formatScore(chosenScore)}`;
    note += position > 0 ? `, rank ${position} of ${ranked.length})` : ')';
    note +=
      chosen === top.id
        ? '; it is also the recommendation.'
        : `; the recommendation is ${top.displayName} (${formatScore(top.score)}), ` +
          `${formatScore(top.score - chosenScore)} points ahead.`;
    if (exclusion) note += ` ${name(chosen)} ${exclusion.reason}.`;
    if (!scaffoldableIds.has(chosen)) note += ` This tool cannot scaffold ${name(chosen)} yet.`;
    notes.push(note);
  } else if (!top.scaffoldable) {
    const best = ranked.find((candidate) => candidate.scaffoldable);
    notes.push(
      best
        ? `${top.displayName} scores highest (${formatScore(top.score)}), but this tool cannot scaffold it yet. ` +
            `The best candidate it can scaffold is ${best.displayName} (${formatScore(best.score)}), ` +
            `${formatScore(top.score - best.score)} points behind; --yes picks ${best.displayName}.`
        : `${top.displayName} scores highest (${formatScore(top.score)}), but no candidate that fits ` +
            'this profile can be scaffolded by this tool yet.',
    );
  }
  if (runnerUp && top.score - runnerUp.score < CLOSE_CALL_POINTS) {
    notes.push(
      `Close call: ${top.displayName} leads ${runnerUp.displayName} by ${formatScore(top.score - runnerUp.score)} ` +
        'points; both are defensible, so let the team decide between them.',
    );
  }
  return notes;
}

function whatWouldChangeFor(
  profile: Profile,
  top: RankedCandidate,
  catalog: readonly FrameworkEntry[],
): string[] {
  const lines = findFlips(profile, catalog)
    .slice(0, MAX_WHAT_WOULD_CHANGE)
    .map((flip) => describeFlip(flip, catalog));
  if (lines.length > 0) return lines;
  return [
    `${top.displayName} stays on top under every single change tried (load x10 and x100, tighter ` +
      'p99, real-time, CPU-bound work, transactions, horizon, team shape, deployment target, team skills).',
  ];
}

export function recommendWith(
  profile: Profile,
  catalog: readonly FrameworkEntry[],
): Recommendation {
  const ranking = rankFrameworks(profile, catalog);
  const ranked = ranking.ranked.map((c) => toRankedCandidate(c, profile, ranking, catalog));
  const top = ranked[0];
  if (!top) throw new Error('every framework was excluded by hard constraints');
  const chosen = profile.framework ?? ranked.find((c) => c.scaffoldable)?.id ?? top.id;
  const chosenScore = chosenScoreOf(chosen, ranked, profile, ranking, catalog);
  const runnerUpScore = ranked.find((candidate) => candidate.id !== chosen)?.score ?? 0;

  const notes = [...workloadConflicts(profile)];
  if (teamKnowsNoCatalogLanguage(profile.team.skills, catalog)) {
    notes.push(
      "The team knows none of the catalog's languages, so team fit rests on learning curve, " +
        'conventions and development speed; workload fit and ecosystem decide the rest.',
    );
  }
  notes.push(...choiceNotes(profile, chosen, chosenScore, ranked, ranking, catalog));

  return {
    chosen,
    top: top.id,
    ranking: ranked,
    excluded: ranking.excluded.map(({ id, reason }) => ({ id, reason })),
    margin: roundScore(chosenScore - runnerUpScore),
    notes,
    whatWouldChange: whatWouldChangeFor(profile, top, catalog),
  };
}

/** The recommendation for a profile, against the built-in catalog. Pure and deterministic. */
export function recommend(profile: Profile): Recommendation {
  return recommendWith(profile, FRAMEWORKS);
}
