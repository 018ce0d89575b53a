import type { FrameworkEntry, FrameworkFacts } from '../catalog/frameworks.js';
import { FRAMEWORKS } from '../catalog/frameworks.js';
import type { Profile } from '../profile/schema.js';
import type { CriterionId, SubCriterionId } from './criteria.js';
import { CRITERIA, RAMP_UP_COST_BY_APPETITE, SUB_CRITERIA, subCriteriaOf } from './criteria.js';
import type { Exclusion } from './constraints.js';
import { applyHardConstraints } from './constraints.js';
import type { Demand } from './demand.js';
import { demandOf } from './demand.js';
import type { Familiarity } from './familiarity.js';
import { familiarityWith } from './familiarity.js';

/**
 * The pure scoring function: profile -> ranking. Each sub-criterion gets a fit in [0, 1] from the
 * framework's facts (discounted by how little the profile needs it), and an effective weight from
 * its base weight times the profile's pressure on it, normalised inside its criterion. Criteria are weighted averages (0-100) and the total is the
 * decision model's 35/30/20/15 blend of them, so every score stays within 0-100.
 */

export interface SubScore {
  id: SubCriterionId;
  /** How good the framework is at this, 0-1, whatever the profile needs (its rating / 5). */
  rawFit: number;
  /** How far it meets what this profile needs, 0-1: the value that is scored. */
  fit: number;
  /** How hard the profile presses on this sub-criterion, 0-1. */
  pressure: number;
  /** Share of its criterion this sub-criterion carries for this profile (sums to 1 per criterion). */
  weight: number;
}

export interface CandidateScore {
  entry: FrameworkEntry;
  /** Position in the catalog: the tie-breaker. */
  catalogIndex: number;
  /** 0-100, unrounded. */
  total: number;
  /** 0-100 each, unrounded. */
  criteria: Record<CriterionId, number>;
  subScores: Record<SubCriterionId, SubScore>;
  familiarity: Familiarity;
  /** Fit of each workload shape the concurrency model serves (0-1), for the explanation. */
  shapeFits: { io: number; realtime: number; cpu: number };
  /** 1 = every workload requirement adequately met; below 1 the team's knowledge counts less. */
  workloadAdequacy: number;
  /** The workload requirement met least well (the cause when adequacy < 1). */
  weakestRequirement: SubCriterionId;
}

export interface Ranking {
  /** Eligible candidates, best first; ties keep catalog order. */
  ranked: CandidateScore[];
  excluded: Exclusion[];
  demand: Demand;
}

const rating = (value: number): number => value / 5;

function weightedAverage(parts: readonly { value: number; weight: number }[]): number {
  const total = parts.reduce((sum, part) => sum + part.weight, 0);
  if (total === 0) return 0;
  return parts.reduce((sum, part) => sum + part.value * part.weight, 0) / total;
}

function subCriterionFits(
  facts: FrameworkFacts,
  profile: Profile,
  demand: Demand,
  familiarity: Familiarity,
): { fits: Record<SubCriterionId, number>; shapeFits: CandidateScore['shapeFits'] } {
  const shapes = demand.concurrencyShapes;
  const shapeFits = {
    io: rating(facts.ioConcurrency.value),
    realtime: rating(facts.realtime.value),
    cpu: rating(facts.cpuBound.value),
  };
  const target = profile.deployment.target;
  const constrainedRuntime = target === 'serverless' || target === 'edge';
  const memory = rating(facts.memoryEfficiency.value);
  const coldStart = rating(facts.coldStart.value);
  const transactional = profile.workload.dataComplexity === 'transactional';
  const rampUpCost =
    (1 - familiarity.value) *
    (1 - rating(facts.learningEase.value)) *
    RAMP_UP_COST_BY_APPETITE[profile.team.learningAppetite];

  const fits: Record<SubCriterionId, number> = {
    concurrency: weightedAverage([
      { value: shapeFits.io, weight: shapes.io },
      { value: shapeFits.realtime, weight: shapes.realtime },
      { value: shapeFits.cpu, weight: shapes.cpu },
    ]),
    // Startup time counts fully where instances start per request, a quarter where autoscaling.
    memory: constrainedRuntime ? (memory + coldStart) / 2 : (3 * memory + coldStart) / 4,
    requestLifecycle: weightedAverage([
      { value: rating(facts.throughput.value), weight: demand.lifecycleShapes.throughput },
      { value: rating(facts.tailLatency.value), weight: demand.lifecycleShapes.latency },
    ]),
    extension: rating(facts.modularity.value),
    errorHandling: rating(facts.errorHandling.value),
    data: transactional
      ? 0.4 * rating(facts.relationalData.value) + 0.6 * rating(facts.transactions.value)
      : rating(facts.relationalData.value),
    jobs: rating(facts.backgroundJobs.value),
    deployment: rating(facts.deployment[target].value),
    familiarity: familiarity.value,
    rampUp: 1 - rampUpCost,
    conventions: rating(facts.structure.value),
    velocity: rating(facts.productivity.value),
    libraryQuality: rating(facts.libraryQuality.value),
    documentation: rating(facts.documentation.value),
    community: rating(facts.community.value),
    commercialSupport: rating(facts.commercialSupport.value),
    upgradeStability: rating(facts.upgradeStability.value),
    hiringMarket: rating(facts.hiringMarket.value),
    vendorStability: rating(facts.vendorStability.value),
    migration: rating(facts.migrationFriendliness.value),
  };
  return { fits, shapeFits };
}

/**
 * Effective weights per sub-criterion (each criterion's sum to 1). Profile-only, so identical for
 * every candidate. Team fit splits first by the horizon's familiarity share, so a prototype leans on
 * what the team knows more than a five-year platform does.
 */
export function effectiveWeights(demand: Demand): Record<SubCriterionId, number> {
  const weights = {} as Record<SubCriterionId, number>;
  for (const criterion of CRITERIA) {
    const subs = subCriteriaOf(criterion.id);
    const groups =
      criterion.id === 'team'
        ? [
            { ids: ['familiarity', 'rampUp'], share: demand.familiarityShare },
            { ids: ['conventions', 'velocity'], share: 1 - demand.familiarityShare },
          ]
        : [{ ids: subs.map((sub) => sub.id as string), share: 1 }];
    for (const group of groups) {
      const members = subs.filter((sub) => group.ids.includes(sub.id));
      const raw = members.map((sub) => sub.weight * demand.pressure[sub.id]);
      const sum = raw.reduce((total, value) => total + value, 0);
      members.forEach((sub, i) => {
        weights[sub.id] = sum === 0 ? 0 : (group.share * (raw[i] ?? 0)) / sum;
      });
    }
  }
  return weights;
}

/**
 * How far a framework meets a requirement the profile presses on with pressure p: a shortfall
 * counts in proportion to the pressure, so a requirement that barely presses is met by almost any
 * framework ("raw throughput rarely is the bottleneck"), and one that decides the project counts
 * in full.
 */
export function requirementMet(fit: number, pressure: number): number {
  return 1 - pressure * (1 - fit);
}

/** What the team knows is not a requirement that presses more or less: it counts as it is. */
const KNOWLEDGE_SUB_CRITERIA: ReadonlySet<SubCriterionId> = new Set(['familiarity', 'rampUp']);

/**
 * The workload requirements whose shortfall makes a framework a poor fit for the project. Memory is
 * left out: a heavier footprint costs money, it does not stop the framework serving the workload
 * (cold starts, where they matter, count under deployment).
 */
export const WORKLOAD_REQUIREMENTS: readonly SubCriterionId[] = [
  'concurrency',
  'requestLifecycle',
  'data',
  'jobs',
  'deployment',
];

/** A workload requirement met below this level makes the framework a poor fit. */
export const ADEQUATE_REQUIREMENT_MET = 0.7;

/**
 * "A framework the team already knows wins unless it is a poor fit for the workload" (decision
 * model). Workload adequacy is 1 while every workload requirement is met at least at
 * ADEQUATE_REQUIREMENT_MET and falls in proportion below it; what the team knows (familiarity and
 * ramp-up) counts only in that proportion. Adequacy never depends on skills, so raising a skill
 * still never lowers a score.
 */
function workloadAdequacy(met: Readonly<Record<SubCriterionId, number>>): {
  adequacy: number;
  weakest: SubCriterionId;
} {
  let weakest: SubCriterionId = 'concurrency';
  for (const id of WORKLOAD_REQUIREMENTS) if (met[id] < met[weakest]) weakest = id;
  return { adequacy: Math.min(1, met[weakest] / ADEQUATE_REQUIREMENT_MET), weakest };
}

export function scoreCandidate(
  entry: FrameworkEntry,
  catalogIndex: number,
  profile: Profile,
  demand: Demand,
  catalog: readonly FrameworkEntry[],
  weights: Readonly<Record<SubCriterionId, number>> = effectiveWeights(demand),
): CandidateScore {
  const familiarity = familiarityWith(entry, profile.team.skills, catalog);
  const { fits, shapeFits } = subCriterionFits(entry.facts, profile, demand, familiarity);
  const met = {} as Record<SubCriterionId, number>;
  for (const sub of SUB_CRITERIA) {
    met[sub.id] = KNOWLEDGE_SUB_CRITERIA.has(sub.id)
      ? fits[sub.id]
      : requirementMet(fits[sub.id], demand.pressure[sub.id]);
  }
  const { adequacy, weakest } = workloadAdequacy(met);
  for (const id of KNOWLEDGE_SUB_CRITERIA) met[id] = met[id] * adequacy;

  const subScores = {} as Record<SubCriterionId, SubScore>;
  for (const sub of SUB_CRITERIA) {
    subScores[sub.id] = {
      id: sub.id,
      rawFit: fits[sub.id],
      fit: met[sub.id],
      pressure: KNOWLEDGE_SUB_CRITERIA.has(sub.id) ? 1 : demand.pressure[sub.id],
      weight: weights[sub.id],
    };
  }
  const criteria = {} as Record<CriterionId, number>;
  let total = 0;
  for (const criterion of CRITERIA) {
    const value =
      100 *
      subCriteriaOf(criterion.id).reduce(
        (sum, sub) => sum + subScores[sub.id].fit * subScores[sub.id].weight,
        0,
      );
    criteria[criterion.id] = value;
    total += (criterion.weight / 100) * value;
  }
  return {
    entry,
    catalogIndex,
    total,
    criteria,
    subScores,
    familiarity,
    shapeFits,
    workloadAdequacy: adequacy,
    weakestRequirement: weakest,
  };
}

export function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Best first by score rounded to what is shown (1 decimal); equal scores keep catalog order. */
export function compareCandidates(a: CandidateScore, b: CandidateScore): number {
  return roundScore(b.total) - roundScore(a.total) || a.catalogIndex - b.catalogIndex;
}

export function rankFrameworks(
  profile: Profile,
  catalog: readonly FrameworkEntry[] = FRAMEWORKS,
): Ranking {
  const demand = demandOf(profile);
  const { eligible, excluded } = applyHardConstraints(profile, catalog);
  const weights = effectiveWeights(demand);
  const ranked = eligible
    .map((entry) =>
      scoreCandidate(entry, catalog.indexOf(entry), profile, demand, catalog, weights),
    )
    .sort(compareCandidates);
  return { ranked, excluded, demand };
}
