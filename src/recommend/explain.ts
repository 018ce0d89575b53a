import type { FrameworkEntry } from '../catalog/frameworks.js';
import type { Profile } from '../profile/schema.js';
import type { SubCriterionId } from './criteria.js';
import { CRITERIA, SUB_CRITERIA, subCriterionOf } from './criteria.js';
import type { Demand } from './demand.js';
import { teamKnowsNoCatalogLanguage } from './familiarity.js';
import type { CandidateScore } from './score.js';
import { formatNumber, nativeLanguagesLabel, skillKeyLabel } from './words.js';

/**
 * Signed reasons for one candidate. Each reason comes from one sub-criterion (or one workload shape
 * of the concurrency model) whose rating is clearly above or below neutral, weighed by how many
 * points it moves for this profile. The strongest reasons are always kept; reasons about this team
 * and this workload come first, then ecosystem and strategy.
 */

export interface Reason {
  sign: '+' | '-';
  text: string;
  /** Points of the total this reason stands for (always >= 0). */
  impact: number;
  subCriterion: SubCriterionId;
}

/** A fit this far above neutral earns a '+', this far below a '-'. */
const NEUTRAL_FIT = 0.6;
const POSITIVE_MARGIN = 0.1;
const NEGATIVE_MARGIN = 0.15;
/** Familiarity is judged against a lower neutral: a proficient language skill is a real asset. */
const FAMILIARITY_NEUTRAL = 0.45;
/** Reasons worth fewer points than this are noise for a reader. */
const MIN_IMPACT_POINTS = 0.5;
/** The strongest reasons always shown, whatever they are about... */
const STRONGEST_REASONS = 6;
/** ...then reasons about this team and this workload, up to this many in all. */
export const MAX_REASONS = 10;
/** Reasons specific to the profile (what the team knows, what the workload needs) are shown first. */
const PROFILE_SPECIFIC = new Set<SubCriterionId>([
  'familiarity',
  'rampUp',
  ...SUB_CRITERIA.filter((sub) => sub.criterion === 'technical').map((sub) => sub.id),
]);

interface ReasonContext {
  candidate: CandidateScore;
  profile: Profile;
  demand: Demand;
  catalog: readonly FrameworkEntry[];
}

type Texts = { positive: string; negative: string };

function teamShapeWords(profile: Profile): string {
  const turnover = profile.team.turnover === 'high' ? ', high-turnover' : '';
  return `a ${profile.team.size}-person${turnover} team`;
}

function familiarityTexts({ candidate, profile, catalog }: ReasonContext): Texts {
  const { via } = candidate.familiarity;
  const languages = nativeLanguagesLabel(candidate.entry);
  const known = via ? `${skillKeyLabel(via.key, catalog)} (${via.level})` : languages;
  const negative = via
    ? `the team's ${skillKeyLabel(via.key, catalog)} is only ${via.level}: expect ramp-up before full speed`
    : teamKnowsNoCatalogLanguage(profile.team.skills, catalog)
      ? "the team knows none of the catalog's languages: every option starts with months of ramp-up"
      : `the team has no ${languages} experience: months of ramp-up and a bug-rate spike in the first quarter`;
  return { positive: `the team already knows ${known}`, negative };
}

function subCriterionTexts(id: SubCriterionId, ctx: ReasonContext): Texts | undefined {
  const { candidate, profile, demand } = ctx;
  const facts = candidate.entry.facts;
  const workload = profile.workload;
  const rps = formatNumber(Math.max(workload.peakRps, workload.peakRpsIn2Years));
  switch (id) {
    case 'memory':
      return {
        positive: `small memory and startup footprint (${facts.runtime.value})`,
        negative: `heavy memory and startup footprint (${facts.runtime.value})`,
      };
    case 'requestLifecycle':
      return demand.lifecycleShapes.latency >= demand.lifecycleShapes.throughput
        ? {
            positive: `low per-request overhead for a p99 target of ${formatNumber(workload.p99TargetMs)} ms`,
            negative: `per-request overhead makes a p99 target of ${formatNumber(workload.p99TargetMs)} ms harder to hold`,
          }
        : {
            positive: `high throughput per instance for ${rps} rps`,
            negative: `lower throughput per instance: more instances for ${rps} rps`,
          };
    case 'extension':
      return {
        positive: `clear module boundaries for a modular monolith (${facts.extensionMechanism.value})`,
        negative: `module boundaries rest on team discipline (${facts.extensionMechanism.value})`,
      };
    case 'errorHandling':
      return {
        positive: 'robust error handling out of the box',
        negative: 'error handling needs more care by hand',
      };
    case 'data':
      return workload.dataComplexity === 'transactional'
        ? {
            positive: `multi-step transactions well supported (${facts.dataLayer.value})`,
            negative: `multi-step transactions are assembled by hand (${facts.dataLayer.value})`,
          }
        : {
            positive: `complex relational queries well supported (${facts.dataLayer.value})`,
            negative: `relational mapping is assembled by hand (${facts.dataLayer.value})`,
          };
    case 'jobs':
      return {
        positive: `batch and background jobs covered (${facts.jobsLayer.value})`,
        negative: `batch and background jobs need extra pieces (${facts.jobsLayer.value})`,
      };
    case 'deployment':
      switch (profile.deployment.target) {
        case 'serverless':
          return {
            positive: 'fast cold starts suit serverless functions',
            negative: `slow cold starts (${facts.runtime.value}) on serverless functions`,
          };
        case 'edge':
          return {
            positive: 'runs natively on edge runtimes',
            negative: 'runs on edge runtimes only through a compatibility layer',
          };
        default:
          return {
            positive: `deploys cleanly to ${profile.deployment.target === 'kubernetes' ? 'containers' : 'long-running hosts'}`,
            negative: `needs extra work to run well on ${profile.deployment.target}`,
          };
      }
    case 'familiarity':
      return familiarityTexts(ctx);
    case 'rampUp':
      // Only worth saying when the team does not know the framework yet.
      if (candidate.familiarity.value >= 0.55) return undefined;
      return {
        positive: 'gentle learning curve keeps the ramp-up short',
        negative: 'steep learning curve for a team new to it',
      };
    case 'conventions':
      return {
        positive: `strong conventions keep ${teamShapeWords(profile)} consistent`,
        negative: `little enforced structure: code drifts in ${teamShapeWords(profile)}`,
      };
    case 'velocity':
      return {
        positive: 'fast to prototype and ship features',
        negative: 'slower prototyping and feature delivery',
      };
    case 'libraryQuality':
      return {
        positive: 'well-kept libraries for common needs',
        negative: 'young ecosystem: fewer battle-tested libraries',
      };
    case 'documentation':
      return { positive: 'thorough documentation', negative: 'thin documentation' };
    case 'community':
      return { positive: 'large, active community', negative: 'small community' };
    case 'commercialSupport':
      return { positive: 'commercial support available', negative: 'little commercial support' };
    case 'upgradeStability':
      return { positive: 'stable upgrade path', negative: 'upgrades often break APIs' };
    case 'hiringMarket':
      return {
        positive: `large hiring market for ${nativeLanguagesLabel(candidate.entry)} developers`,
        negative: `small hiring market for ${nativeLanguagesLabel(candidate.entry)} developers`,
      };
    case 'vendorStability':
      return {
        positive: 'long track record and stable backing',
        negative: 'younger project with thinner backing',
      };
    case 'migration':
      return {
        positive: 'standard APIs, DI and external config keep a later migration cheap',
        negative: 'tighter coupling makes a later migration costly',
      };
    case 'concurrency':
      return undefined; // split by workload shape in concurrencyReasons
  }
}

function criterionWeightOf(id: SubCriterionId): number {
  const criterion = CRITERIA.find((item) => item.id === subCriterionOf(id).criterion);
  return criterion ? criterion.weight : 0;
}

/**
 * A reason's sign comes from how good the framework is at the thing (its rating), its weight from
 * how many points that moves for this profile: criterion weight x share x pressure x distance from
 * neutral. So a strength the profile does not need stays quiet.
 */
function judge(
  rawFit: number,
  points: number,
  neutral: number,
  texts: Texts,
  subCriterion: SubCriterionId,
): Reason | undefined {
  const impact = points * Math.abs(rawFit - neutral);
  if (impact < MIN_IMPACT_POINTS) return undefined;
  if (rawFit >= neutral + POSITIVE_MARGIN)
    return { sign: '+', text: texts.positive, impact, subCriterion };
  if (rawFit <= neutral - NEGATIVE_MARGIN)
    return { sign: '-', text: texts.negative, impact, subCriterion };
  return undefined;
}

/** The concurrency model serves up to three workload shapes; each gets its own reason. */
function concurrencyReasons({ candidate, profile, demand }: ReasonContext): Reason[] {
  const shapes = demand.concurrencyShapes;
  const shapeTotal = shapes.io + shapes.realtime + shapes.cpu;
  const points = criterionWeightOf('concurrency') * candidate.subScores.concurrency.weight;
  const model = candidate.entry.facts.concurrencyModel.value;
  const workload = profile.workload;
  const rps = formatNumber(Math.max(workload.peakRps, workload.peakRpsIn2Years));
  const connections = formatNumber(workload.realtime.concurrentConnections);
  const texts: Record<keyof typeof shapes, Texts> = {
    io: {
      positive: `${model} serves ${rps} rps of I/O-bound requests with few instances`,
      negative: `${model} needs more workers and instances for ${rps} rps of concurrent I/O`,
    },
    realtime: {
      positive: `${model} fits ${connections} concurrent real-time connections`,
      negative: `${model} strains under ${connections} concurrent real-time connections: needs extra infrastructure`,
    },
    cpu: {
      positive: `${model} runs CPU-bound work in parallel across cores`,
      negative: `CPU-bound work is a poor fit for the ${model}: move it to worker threads or a separate worker`,
    },
  };
  const reasons: Reason[] = [];
  for (const shape of ['io', 'realtime', 'cpu'] as const) {
    if (shapes[shape] === 0) continue;
    const share = shapes[shape] / shapeTotal;
    const pressure = Math.min(1, shapes[shape]);
    const reason = judge(
      candidate.shapeFits[shape],
      points * share * pressure,
      NEUTRAL_FIT,
      texts[shape],
      'concurrency',
    );
    if (reason) reasons.push(reason);
  }
  return reasons;
}

const REQUIREMENT_WORDS: Partial<Record<SubCriterionId, string>> = {
  concurrency: 'the concurrency this workload needs',
  requestLifecycle: 'the throughput and latency targets',
  data: 'the data and transaction needs',
  jobs: 'the batch and background jobs',
  deployment: 'the deployment target',
};

/** Below this workload adequacy the shortfall is worth calling a poor fit in words. */
const POOR_FIT_ADEQUACY = 0.85;

/** When the workload fit is poor, what the team knows about the framework counts for less. */
function poorFitReason({ candidate }: ReasonContext): Reason | undefined {
  const lost = 1 - candidate.workloadAdequacy;
  if (candidate.workloadAdequacy > POOR_FIT_ADEQUACY || candidate.familiarity.value <= 0)
    return undefined;
  const team = candidate.subScores.familiarity.weight + candidate.subScores.rampUp.weight;
  const impact = criterionWeightOf('familiarity') * team * candidate.familiarity.value * lost;
  if (impact < MIN_IMPACT_POINTS) return undefined;
  const what = REQUIREMENT_WORDS[candidate.weakestRequirement] ?? 'this workload';
  return {
    sign: '-',
    text: `a poor fit for ${what}: the team's experience with it counts for less`,
    impact,
    subCriterion: 'familiarity',
  };
}

/**
 * A middling candidate whose every trait is close to neutral still gets one reason: its most
 * distinctive sub-criterion, signed by which side of neutral it falls on.
 */
function strongestTrait(ctx: ReasonContext): Reason | undefined {
  let best: Reason | undefined;
  for (const sub of SUB_CRITERIA) {
    const texts = subCriterionTexts(sub.id, ctx);
    if (!texts) continue;
    const score = ctx.candidate.subScores[sub.id];
    const neutral = sub.id === 'familiarity' ? FAMILIARITY_NEUTRAL : NEUTRAL_FIT;
    const impact =
      criterionWeightOf(sub.id) * score.weight * score.pressure * Math.abs(score.rawFit - neutral);
    if (impact === 0 || (best && impact <= best.impact)) continue;
    const sign = score.rawFit >= neutral ? '+' : '-';
    best = {
      sign,
      text: sign === '+' ? texts.positive : texts.negative,
      impact,
      subCriterion: sub.id,
    };
  }
  return best;
}

export function reasonsFor(
  candidate: CandidateScore,
  profile: Profile,
  demand: Demand,
  catalog: readonly FrameworkEntry[],
): Reason[] {
  const ctx: ReasonContext = { candidate, profile, demand, catalog };
  const reasons: Reason[] = [...concurrencyReasons(ctx)];
  for (const sub of SUB_CRITERIA) {
    const texts = subCriterionTexts(sub.id, ctx);
    if (!texts) continue;
    const score = candidate.subScores[sub.id];
    const neutral = sub.id === 'familiarity' ? FAMILIARITY_NEUTRAL : NEUTRAL_FIT;
    const points = criterionWeightOf(sub.id) * score.weight * score.pressure;
    const reason = judge(score.rawFit, points, neutral, texts, sub.id);
    if (reason) reasons.push(reason);
  }
  const poorFit = poorFitReason(ctx);
  if (poorFit) reasons.push(poorFit);
  if (reasons.length === 0) {
    const fallback = strongestTrait(ctx);
    if (fallback) reasons.push(fallback);
  }
  // Stable sorts: equal impacts keep sub-criterion order, so output is deterministic.
  const byImpact = reasons.sort((a, b) => b.impact - a.impact);
  const selected = new Set(byImpact.slice(0, STRONGEST_REASONS));
  for (const reason of byImpact) {
    if (selected.size >= MAX_REASONS) break;
    if (PROFILE_SPECIFIC.has(reason.subCriterion)) selected.add(reason);
  }
  const tier = (reason: Reason) => (PROFILE_SPECIFIC.has(reason.subCriterion) ? 0 : 1);
  return byImpact.filter((reason) => selected.has(reason)).sort((a, b) => tier(a) - tier(b));
}

export function formatReason(reason: Reason): string {
  return `${reason.sign} ${reason.text}`;
}
