import type { Horizon } from '../profile/ids.js';

/**
 * The weights of the decision, as data. Top level: the decision matrix of seed 000 (technical
 * alignment 35, team fit 30, ecosystem 20, strategic 15). Below each criterion, its sub-criteria
 * with their base weights. Each sub-criterion's weight is then scaled by how hard the profile presses
 * on it (see ./demand.ts), so an unmet requirement the project does not have costs nothing.
 */

const DECISION_MODEL = '../shared/docs/decision-model.md';

export const CRITERION_IDS = ['technical', 'team', 'ecosystem', 'strategic'] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

export interface Criterion {
  id: CriterionId;
  label: string;
  /** Percent of the total score. The four add up to 100. */
  weight: number;
}

export const CRITERIA: readonly Criterion[] = [
  { id: 'technical', label: 'Technical alignment', weight: 35 },
  { id: 'team', label: 'Team fit and productivity', weight: 30 },
  { id: 'ecosystem', label: 'Ecosystem and community', weight: 20 },
  { id: 'strategic', label: 'Strategic factors', weight: 15 },
];

export const SUB_CRITERION_IDS = [
  // technical alignment
  'concurrency',
  'memory',
  'requestLifecycle',
  'extension',
  'errorHandling',
  'data',
  'jobs',
  'deployment',
  // team fit
  'familiarity',
  'rampUp',
  'conventions',
  'velocity',
  // ecosystem
  'libraryQuality',
  'documentation',
  'community',
  'commercialSupport',
  'upgradeStability',
  // strategic
  'hiringMarket',
  'vendorStability',
  'migration',
] as const;
export type SubCriterionId = (typeof SUB_CRITERION_IDS)[number];

export interface SubCriterion {
  id: SubCriterionId;
  criterion: CriterionId;
  label: string;
  /** Base weight inside its criterion, before the profile's pressure scales it. */
  weight: number;
  source: string;
}

export const SUB_CRITERIA: readonly SubCriterion[] = [
  // Architecture sub-score of seed 000 (30/25/20/15/10), read against the profile's requirements.
  {
    id: 'concurrency',
    criterion: 'technical',
    label: 'concurrency model',
    weight: 30,
    source: DECISION_MODEL + ' (architecture sub-score)',
  },
  {
    id: 'memory',
    criterion: 'technical',
    label: 'memory and startup footprint',
    weight: 25,
    source: DECISION_MODEL + ' (architecture sub-score)',
  },
  {
    id: 'requestLifecycle',
    criterion: 'technical',
    label: 'request-lifecycle efficiency',
    weight: 20,
    source: DECISION_MODEL + ' (architecture sub-score)',
  },
  {
    id: 'extension',
    criterion: 'technical',
    label: 'extension mechanism',
    weight: 15,
    source: DECISION_MODEL + ' (architecture sub-score)',
  },
  {
    id: 'errorHandling',
    criterion: 'technical',
    label: 'error-handling robustness',
    weight: 10,
    source: DECISION_MODEL + ' (architecture sub-score)',
  },
  // Requirements the articles name beside the architecture (workload profile, deployment target).
  {
    id: 'data',
    criterion: 'technical',
    label: 'relational data and transactions',
    weight: 20,
    source: DECISION_MODEL + ' (inputs: data complexity)',
  },
  {
    id: 'jobs',
    criterion: 'technical',
    label: 'batch and background jobs',
    weight: 10,
    source: DECISION_MODEL + ' (inputs: batch / ETL / background jobs)',
  },
  {
    id: 'deployment',
    criterion: 'technical',
    label: 'deployment target fit',
    weight: 20,
    source: DECISION_MODEL + ' (inputs: deployment target)',
  },
  // Team fit: the weights of familiarity and ramp-up are set by the horizon (TEAM_FAMILIARITY_SHARE).
  {
    id: 'familiarity',
    criterion: 'team',
    label: 'what the team already knows',
    weight: 60,
    source: DECISION_MODEL + ' (team skills weigh heavily)',
  },
  {
    id: 'rampUp',
    criterion: 'team',
    label: 'learning curve for the team',
    weight: 40,
    source: DECISION_MODEL + ' (ramp-up of a new paradigm is months)',
  },
  {
    id: 'conventions',
    criterion: 'team',
    label: 'structure and conventions',
    weight: 50,
    source: DECISION_MODEL + ' (distributed or high-turnover teams benefit from conventions)',
  },
  {
    id: 'velocity',
    criterion: 'team',
    label: 'development speed',
    weight: 50,
    source: DECISION_MODEL + ' (development speed beats raw performance for most startups)',
  },
  // Ecosystem sub-score of seed 000.
  {
    id: 'libraryQuality',
    criterion: 'ecosystem',
    label: 'library quality',
    weight: 30,
    source: DECISION_MODEL + ' (ecosystem sub-score)',
  },
  {
    id: 'documentation',
    criterion: 'ecosystem',
    label: 'documentation',
    weight: 25,
    source: DECISION_MODEL + ' (ecosystem sub-score)',
  },
  {
    id: 'community',
    criterion: 'ecosystem',
    label: 'community activity',
    weight: 20,
    source: DECISION_MODEL + ' (ecosystem sub-score)',
  },
  {
    id: 'commercialSupport',
    criterion: 'ecosystem',
    label: 'commercial support',
    weight: 15,
    source: DECISION_MODEL + ' (ecosystem sub-score)',
  },
  {
    id: 'upgradeStability',
    criterion: 'ecosystem',
    label: 'upgrade-path stability',
    weight: 10,
    source: DECISION_MODEL + ' (ecosystem sub-score)',
  },
  // Strategic factors: hiring market and vendor stability (seed 000), migration friendliness (seed 000).
  {
    id: 'hiringMarket',
    criterion: 'strategic',
    label: 'hiring market',
    weight: 40,
    source: DECISION_MODEL + ' (strategic factors: hiring market)',
  },
  {
    id: 'vendorStability',
    criterion: 'strategic',
    label: 'vendor stability',
    weight: 30,
    source: DECISION_MODEL + ' (strategic factors: vendor stability)',
  },
  {
    id: 'migration',
    criterion: 'strategic',
    label: 'migration friendliness',
    weight: 30,
    source: DECISION_MODEL + ' (migration friendliness)',
  },
];

/**
 * Share of the team criterion that depends on what the team already knows (familiarity plus the
 * learning curve it has to climb); the rest is conventions and development speed. A short-lived
 * prototype tolerates a sub-optimal fit but not months of ramp-up; a five-year platform amortises
 * the ramp-up (decision model, rules of thumb).
 */
export const TEAM_FAMILIARITY_SHARE: Readonly<Record<Horizon, number>> = {
  prototype: 0.85,
  product: 0.75,
  platform: 0.65,
};

/** How much each skill level counts as familiarity (0 = none, 1 = fully productive). */
export const SKILL_LEVEL_VALUE = { none: 0, basic: 0.35, proficient: 0.8, expert: 1 } as const;

/**
 * Knowing the language but not the framework still leaves the framework to learn: a language skill
 * loses this share per point of the framework's `abstractionToLearn` (0-5), so it carries over in
 * full to a thin layer (Express, net/http) and at 65% to a large framework (Spring).
 */
export const LANGUAGE_TRANSFER_LOSS_PER_POINT = 0.07;

const SUB_CRITERIA_BY_CRITERION: ReadonlyMap<CriterionId, readonly SubCriterion[]> = new Map(
  CRITERION_IDS.map((id) => [id, SUB_CRITERIA.filter((sub) => sub.criterion === id)]),
);

export function subCriteriaOf(criterion: CriterionId): readonly SubCriterion[] {
  return SUB_CRITERIA_BY_CRITERION.get(criterion) ?? [];
}

export function criterionOf(id: CriterionId): Criterion {
  const found = CRITERIA.find((criterion) => criterion.id === id);
  if (!found) throw new Error(`unknown criterion ${id}`);
  return found;
}

export function subCriterionOf(id: SubCriterionId): SubCriterion {
  const found = SUB_CRITERIA.find((sub) => sub.id === id);
  if (!found) throw new Error(`unknown sub-criterion ${id}`);
  return found;
}

/**
 * How much of a learning curve's cost a team's appetite for new paradigms leaves standing. A team
 * keen to learn still pays the months of ramp-up, but less of it turns into bugs and frustration.
 */
export const RAMP_UP_COST_BY_APPETITE = { low: 1, medium: 0.9, high: 0.7 } as const;
