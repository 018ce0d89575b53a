import type { FrameworkEntry } from '../catalog/frameworks.js';
import type { DeploymentTarget, FrameworkId, Horizon, LanguageId } from '../profile/ids.js';
import { DEPLOYMENT_TARGETS, HORIZONS } from '../profile/ids.js';
import type { Profile } from '../profile/schema.js';
import { SKILL_LEVEL_VALUE } from './criteria.js';
import { effectiveLanguageLevel } from './familiarity.js';
import { rankFrameworks } from './score.js';
import { formatNumber, formatScore, LANGUAGE_LABELS, TARGET_LABELS } from './words.js';

/**
 * "What would change the answer": the profile is varied one input at a time (then a team skill
 * plus one workload change), the pure scorer re-runs, and every variation that puts a different
 * framework on top is reported. Nothing is guessed: each line is a re-computed ranking.
 */

export type ChangeKind =
  'skills' | 'load' | 'latency' | 'realtime' | 'cpu' | 'data' | 'horizon' | 'team' | 'deployment';

export interface ProfileChange {
  kind: ChangeKind;
  /** Completes "if ...", e.g. "the p99 target were 20 ms". */
  condition: string;
  apply: (profile: Profile) => Profile;
}

export interface Flip {
  changes: ProfileChange[];
  condition: string;
  leader: FrameworkId;
  leaderScore: number;
  /** The current leader and its score under the changed profile (undefined when excluded there). */
  incumbent: FrameworkId;
  incumbentScore: number | undefined;
}

const MAX_RPS = 100_000_000;
const LATENCY_STEPS_MS = [50, 20, 10];
const LOAD_FACTORS = [10, 100];
const REALTIME_IF_ENABLED = 50_000;
const LARGE_HIGH_TURNOVER_TEAM = 30;

function withWorkload(profile: Profile, patch: Partial<Profile['workload']>): Profile {
  return { ...profile, workload: { ...profile.workload, ...patch } };
}

function workloadChanges(profile: Profile): ProfileChange[] {
  const { workload } = profile;
  const changes: ProfileChange[] = [];
  for (const factor of LOAD_FACTORS) {
    const rps = workload.peakRpsIn2Years * factor;
    if (rps === 0 || rps > MAX_RPS) continue;
    changes.push({
      kind: 'load',
      condition: `peak load reached ${formatNumber(rps)} rps`,
      apply: (p) =>
        withWorkload(p, { peakRpsIn2Years: rps, peakRps: Math.max(p.workload.peakRps, rps) }),
    });
  }
  for (const ms of LATENCY_STEPS_MS) {
    if (ms >= workload.p99TargetMs) continue;
    changes.push({
      kind: 'latency',
      condition: `the p99 target were ${ms} ms`,
      apply: (p) => withWorkload(p, { p99TargetMs: ms }),
    });
  }
  if (workload.realtime.enabled) {
    const connections = Math.min(
      Math.max(workload.realtime.concurrentConnections, 100) * 10,
      MAX_RPS,
    );
    changes.push({
      kind: 'realtime',
      condition: `real-time connections grew to ${formatNumber(connections)}`,
      apply: (p) =>
        withWorkload(p, { realtime: { enabled: true, concurrentConnections: connections } }),
    });
  } else {
    changes.push({
      kind: 'realtime',
      condition: `the product needed ${formatNumber(REALTIME_IF_ENABLED)} concurrent real-time connections`,
      apply: (p) =>
        withWorkload(p, {
          realtime: { enabled: true, concurrentConnections: REALTIME_IF_ENABLED },
        }),
    });
  }
  changes.push(
    workload.cpuBound
      ? {
          kind: 'cpu',
          condition: 'the CPU-bound work moved to a separate service',
          apply: (p) => withWorkload(p, { cpuBound: false }),
        }
      : {
          kind: 'cpu',
          condition: 'the service did CPU-bound work (e.g. image processing)',
          apply: (p) => withWorkload(p, { cpuBound: true }),
        },
  );
  if (workload.dataComplexity !== 'transactional') {
    changes.push({
      kind: 'data',
      condition: 'the data needed multi-step transactions',
      apply: (p) => withWorkload(p, { dataComplexity: 'transactional' }),
    });
  }
  return changes;
}

const HORIZON_CONDITIONS: Readonly<Record<Horizon, string>> = {
  prototype: 'the project were a short-lived prototype',
  product: 'the project were a growing product',
  platform: 'the project were a five-year platform',
};

function contextChanges(profile: Profile): ProfileChange[] {
  const changes: ProfileChange[] = HORIZONS.filter((h) => h !== profile.horizon).map((horizon) => ({
    kind: 'horizon' as const,
    condition: HORIZON_CONDITIONS[horizon],
    apply: (p: Profile) => ({ ...p, horizon }),
  }));
  const { team } = profile;
  if (team.size < LARGE_HIGH_TURNOVER_TEAM || team.turnover !== 'high') {
    changes.push({
      kind: 'team',
      condition: `the team grew to ${Math.max(team.size, LARGE_HIGH_TURNOVER_TEAM)} people with high turnover`,
      apply: (p) => ({
        ...p,
        team: {
          ...p.team,
          size: Math.max(p.team.size, LARGE_HIGH_TURNOVER_TEAM),
          turnover: 'high',
        },
      }),
    });
  }
  const targets = DEPLOYMENT_TARGETS.filter(
    (t): t is DeploymentTarget => t !== profile.deployment.target,
  );
  for (const target of targets) {
    changes.push({
      kind: 'deployment',
      condition: `the deployment target were ${TARGET_LABELS[target]}`,
      apply: (p) => ({ ...p, deployment: { ...p.deployment, target } }),
    });
  }
  return changes;
}

/** One change per catalog framework: the team becomes proficient in its primary language. */
function skillChanges(
  profile: Profile,
  catalog: readonly FrameworkEntry[],
): { framework: FrameworkId; change: ProfileChange }[] {
  const result: { framework: FrameworkId; change: ProfileChange }[] = [];
  for (const entry of catalog) {
    const primary = entry.facts.languages.value[0]?.language;
    if (!primary) continue;
    const current = effectiveLanguageLevel(primary, profile.team.skills, catalog);
    if (SKILL_LEVEL_VALUE[current] >= SKILL_LEVEL_VALUE.proficient) continue;
    result.push({
      framework: entry.id,
      change: {
        kind: 'skills',
        condition: `the team were proficient in ${LANGUAGE_LABELS[primary as LanguageId]}`,
        apply: (p) => ({
          ...p,
          team: { ...p.team, skills: { ...p.team.skills, [primary]: 'proficient' } },
        }),
      },
    });
  }
  return result;
}

function flipUnder(
  profile: Profile,
  changes: ProfileChange[],
  incumbent: FrameworkId,
  catalog: readonly FrameworkEntry[],
): Flip | undefined {
  const changed = changes.reduce((p, change) => change.apply(p), profile);
  const { ranked } = rankFrameworks(changed, catalog);
  const leader = ranked[0];
  if (!leader || leader.entry.id === incumbent) return undefined;
  const incumbentScore = ranked.find((c) => c.entry.id === incumbent)?.total;
  return {
    changes,
    condition: changes.map((c) => c.condition).join(' and '),
    leader: leader.entry.id,
    leaderScore: leader.total,
    incumbent,
    incumbentScore,
  };
}

/**
 * Every single change that flips the leader, then (for frameworks no single change brings on top)
 * a team skill combined with one workload change, like "if the p99 target were 10 ms and the team
 * were proficient in Go". Order is fixed: workload, team skills, context, then pairs.
 */
export function findFlips(profile: Profile, catalog: readonly FrameworkEntry[]): Flip[] {
  const base = { ...profile, framework: undefined };
  const incumbent = rankFrameworks(base, catalog).ranked[0]?.entry.id;
  if (!incumbent) return [];
  const flips: Flip[] = [];
  const workload = workloadChanges(base);
  for (const change of workload) {
    const flip = flipUnder(base, [change], incumbent, catalog);
    if (flip) flips.push(flip);
  }
  const skills = skillChanges(base, catalog);
  for (const { framework, change } of skills) {
    const flip = flipUnder(base, [change], incumbent, catalog);
    if (flip && flip.leader === framework) flips.push(flip);
  }
  for (const change of contextChanges(base)) {
    const flip = flipUnder(base, [change], incumbent, catalog);
    if (flip) flips.push(flip);
  }
  const leaders = new Set(flips.map((flip) => flip.leader));
  for (const { framework, change } of skills) {
    if (leaders.has(framework)) continue;
    for (const workloadChange of workload) {
      const flip = flipUnder(base, [workloadChange, change], incumbent, catalog);
      if (flip && flip.leader === framework) {
        flips.push(flip);
        leaders.add(framework);
        break;
      }
    }
  }
  return flips;
}

export function describeFlip(flip: Flip, catalog: readonly FrameworkEntry[]): string {
  const name = (id: FrameworkId) => catalog.find((entry) => entry.id === id)?.displayName ?? id;
  const leader = formatScore(flip.leaderScore);
  const incumbent =
    flip.incumbentScore === undefined ? undefined : formatScore(flip.incumbentScore);
  const scores =
    incumbent === undefined
      ? `${leader}; ${name(flip.incumbent)} could not run there`
      : leader === incumbent
        ? `tied with ${name(flip.incumbent)} at ${leader}, ahead on catalog order`
        : `${leader} vs ${incumbent} for ${name(flip.incumbent)}`;
  return `${name(flip.leader)} would lead (${scores}) if ${flip.condition}`;
}
