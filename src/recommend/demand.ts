import type { DeploymentTarget, Horizon } from '../profile/ids.js';
import type { Profile } from '../profile/schema.js';
import type { SubCriterionId } from './criteria.js';
import { TEAM_FAMILIARITY_SHARE } from './criteria.js';

/**
 * How hard a profile presses on each sub-criterion, from 0 (the project does not need it) to 1
 * (it decides the project). Pure function of the profile, computed once per recommendation.
 * The scales follow the decision model: load is read on a log scale (100 rps, 10,000 rps and
 * 100k rps are the articles' landmarks), tail latency likewise (500 ms relaxed, 10 ms extreme).
 */
export interface Demand {
  pressure: Readonly<Record<SubCriterionId, number>>;
  /** Blend of workload shapes that the concurrency model must serve. */
  concurrencyShapes: { io: number; realtime: number; cpu: number };
  /** Blend of throughput and tail latency inside request-lifecycle efficiency. */
  lifecycleShapes: { throughput: number; latency: number };
  /** Share of team fit that depends on familiarity (by horizon). */
  familiarityShare: number;
  /** Real-time connections requested on a target that cannot hold them (serverless functions). */
  realtimeOnServerless: boolean;
  loadPressure: number;
  latencyPressure: number;
  realtimePressure: number;
}

const HORIZON_LONG_TERM: Readonly<Record<Horizon, number>> = {
  prototype: 0.3,
  product: 0.6,
  platform: 1,
};
const HORIZON_SPEED: Readonly<Record<Horizon, number>> = {
  prototype: 1,
  product: 0.5,
  platform: 0.25,
};
const HORIZON_CONVENTIONS: Readonly<Record<Horizon, number>> = {
  prototype: 0,
  product: 0.1,
  platform: 0.3,
};
/** Serverless and edge make the target decisive; long-running hosts leave room for any framework. */
const DEPLOYMENT_PRESSURE: Readonly<Record<DeploymentTarget, number>> = {
  serverless: 1,
  edge: 1,
  kubernetes: 0.3,
  paas: 0.3,
  vm: 0.2,
};
const DATA_PRESSURE = { simple: 0.15, relational: 0.5, transactional: 1 } as const;
/** Team size from which structure starts to matter, and from which it matters a lot. */
export const LARGE_TEAM = 8;
export const VERY_LARGE_TEAM = 25;

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** 0 at `low` and below, 1 at `high` and above, log-linear in between. */
function logScale(value: number, low: number, high: number): number {
  if (value <= low) return 0;
  return clamp01((Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)));
}

export function loadPressureOf(profile: Profile): number {
  const { peakRps, peakRpsIn2Years } = profile.workload;
  return logScale(Math.max(peakRps, peakRpsIn2Years), 100, 100_000);
}

export function latencyPressureOf(profile: Profile): number {
  // Tighter target = more pressure, so the scale is inverted: 500 ms -> 0, 10 ms -> 1.
  return clamp01(1 - logScale(profile.workload.p99TargetMs, 10, 500));
}

export function realtimePressureOf(profile: Profile): number {
  const { enabled, concurrentConnections } = profile.workload.realtime;
  if (!enabled) return 0;
  return Math.max(0.3, logScale(concurrentConnections, 100, 100_000));
}

export function demandOf(profile: Profile): Demand {
  const { workload, team, deployment, horizon } = profile;
  const load = loadPressureOf(profile);
  const latency = latencyPressureOf(profile);
  const realtime = realtimePressureOf(profile);
  const cpu = workload.cpuBound ? 1 : 0;
  const constrainedRuntime = deployment.target === 'serverless' || deployment.target === 'edge';
  // Functions cannot hold connections: a managed gateway holds them, so the framework's own
  // connection handling stops mattering and the warning goes to the notes instead.
  const realtimeOnServerless = realtime > 0 && deployment.target === 'serverless';
  const realtimeShape = realtimeOnServerless ? 0 : realtime;
  const largeTeam = (team.size >= LARGE_TEAM ? 0.2 : 0) + (team.size >= VERY_LARGE_TEAM ? 0.2 : 0);
  const highTurnover = team.turnover === 'high';

  const pressure: Record<SubCriterionId, number> = {
    concurrency: Math.max(0.3, load, realtimeShape, cpu),
    memory: clamp01(0.2 + 0.5 * Math.max(load, realtimeShape) + (constrainedRuntime ? 0.3 : 0)),
    requestLifecycle: Math.max(0.2, load, latency),
    extension: HORIZON_LONG_TERM[horizon],
    errorHandling: clamp01(
      0.3 +
        (workload.dataComplexity === 'transactional' ? 0.3 : 0) +
        (horizon === 'platform' ? 0.3 : 0),
    ),
    data: clamp01(
      DATA_PRESSURE[workload.dataComplexity] + (workload.readWriteMix === 'write-heavy' ? 0.15 : 0),
    ),
    jobs: workload.batchJobs ? 0.8 : 0,
    deployment: DEPLOYMENT_PRESSURE[deployment.target],
    familiarity: 1,
    rampUp: 1,
    conventions: clamp01(0.2 + HORIZON_CONVENTIONS[horizon] + largeTeam + (highTurnover ? 0.4 : 0)),
    velocity: HORIZON_SPEED[horizon],
    libraryQuality: 1,
    documentation: 1,
    community: 1,
    // A prototype may outlive neither support contracts nor major upgrades.
    commercialSupport: HORIZON_LONG_TERM[horizon],
    upgradeStability: HORIZON_LONG_TERM[horizon],
    hiringMarket: clamp01(0.5 + (team.size >= LARGE_TEAM ? 0.2 : 0) + (highTurnover ? 0.3 : 0)),
    vendorStability: HORIZON_LONG_TERM[horizon],
    migration: HORIZON_LONG_TERM[horizon],
  };

  return {
    pressure,
    concurrencyShapes: { io: Math.max(0.3, load), realtime: realtimeShape, cpu },
    lifecycleShapes: { throughput: Math.max(0.1, load), latency: Math.max(0.1, latency) },
    familiarityShare: TEAM_FAMILIARITY_SHARE[horizon],
    realtimeOnServerless,
    loadPressure: load,
    latencyPressure: latency,
    realtimePressure: realtime,
  };
}
