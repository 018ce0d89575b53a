import type { Profile } from './schema.js';
import { PROFILE_SCHEMA_VERSION } from './schema.js';

/**
 * What `--yes` assumes for every answer it is not given: a small TypeScript team building a
 * product API of modest load on Kubernetes. Each default is the most common case in the
 * decision model, so a user who accepts them all gets a sensible, explainable result.
 */
export const DEFAULT_PROFILE: Omit<Profile, 'projectName'> = {
  schemaVersion: PROFILE_SCHEMA_VERSION,
  description: '',
  workload: {
    readWriteMix: 'balanced',
    realtime: { enabled: false, concurrentConnections: 0 },
    cpuBound: false,
    batchJobs: false,
    dataComplexity: 'relational',
    peakRps: 100,
    peakRpsIn2Years: 1000,
    p99TargetMs: 200,
  },
  team: {
    skills: { typescript: 'proficient' },
    size: 4,
    turnover: 'low',
    learningAppetite: 'medium',
  },
  deployment: { target: 'kubernetes' },
  horizon: 'product',
  database: 'postgres',
  features: [],
};
