import { FEATURE_IDS, type FeatureId } from './ids.js';
import type { Profile, Workload } from './schema.js';

/**
 * Which workload answers ask for which feature, as data: the generator turns on a real-time
 * module, a job queue with a separate worker, or a read-through cache because the profile says
 * so, and records why in the ADR.
 */
const WORKLOAD_RULES: readonly {
  feature: FeatureId;
  asks: (workload: Workload) => string | undefined;
}[] = [
  {
    feature: 'realtime',
    asks: (w) =>
      w.realtime.enabled
        ? `the workload has real-time connections (${w.realtime.concurrentConnections.toLocaleString('en-US')} concurrent)`
        : undefined,
  },
  {
    feature: 'jobs',
    asks: (w) =>
      w.batchJobs && w.cpuBound
        ? 'the workload has batch jobs and CPU-bound work, which belong in a worker, off the request path'
        : w.batchJobs
          ? 'the workload has batch or background jobs'
          : w.cpuBound
            ? 'the workload has CPU-bound work, which belongs in a worker, off the request path'
            : undefined,
  },
  {
    feature: 'cache',
    asks: (w) => (w.readWriteMix === 'read-heavy' ? 'the workload is read-heavy' : undefined),
  },
];

/** What each feature puts in a starter, for the ADR and the CLI summary. */
export const FEATURE_LABELS: Readonly<Record<FeatureId, string>> = {
  realtime: 'Real-time (WebSocket and Server-Sent Events, fan-out across replicas through Redis)',
  jobs: 'Background jobs (a Redis-backed queue and a separate worker process)',
  cache: 'Read-through cache on Redis, invalidated on writes',
};

export interface FeatureDecision {
  readonly feature: FeatureId;
  readonly on: boolean;
  /** `answer`: named in the profile's features (on or `no-`); `workload`: derived. */
  readonly source: 'answer' | 'workload';
  /** Why, in words for the CLI summary and the ADR. */
  readonly because: string;
}

/** The workload's reason to want `feature`, if it has one. */
export function workloadReason(workload: Workload, feature: FeatureId): string | undefined {
  return WORKLOAD_RULES.find((rule) => rule.feature === feature)?.asks(workload);
}

/** One decision per feature, in catalog order: the profile's explicit answer, else the workload's. */
export function decideFeatures(profile: Profile): FeatureDecision[] {
  return FEATURE_IDS.map((feature) => {
    const asked = workloadReason(profile.workload, feature);
    if (profile.features.includes(feature)) {
      return { feature, on: true, source: 'answer', because: 'asked for in the answers' };
    }
    if (profile.features.includes(`no-${feature}`)) {
      const against = asked ? ` although ${asked}` : '';
      return {
        feature,
        on: false,
        source: 'answer',
        because: `turned off in the answers${against}`,
      };
    }
    return asked
      ? { feature, on: true, source: 'workload', because: asked }
      : { feature, on: false, source: 'workload', because: 'the workload does not ask for it' };
  });
}
