import type { FrameworkEntry } from '../catalog/frameworks.js';
import type { FrameworkId } from '../profile/ids.js';
import type { Profile } from '../profile/schema.js';
import { demandOf } from './demand.js';

/**
 * Hard constraints filter before scoring instead of being weights: a framework that cannot run on
 * the deployment target is not a weak option, it is no option (decision model: an edge target rules
 * out the JVM; serverless rules out frameworks built around a long-running VM). Each catalog entry
 * declares the targets it cannot run on, with the reason.
 */

export interface Exclusion {
  id: FrameworkId;
  reason: string;
}

const TARGET_WORDS = {
  kubernetes: 'Kubernetes',
  serverless: 'serverless functions',
  paas: 'a PaaS',
  vm: 'VMs',
  edge: 'edge runtimes',
} as const;

export function exclusionOf(entry: FrameworkEntry, profile: Profile): Exclusion | undefined {
  const target = profile.deployment.target;
  const constraint = entry.hardConstraints[target];
  if (!constraint) return undefined;
  return { id: entry.id, reason: `cannot run on ${TARGET_WORDS[target]}: ${constraint.value}` };
}

export function applyHardConstraints(
  profile: Profile,
  catalog: readonly FrameworkEntry[],
): { eligible: FrameworkEntry[]; excluded: Exclusion[] } {
  const eligible: FrameworkEntry[] = [];
  const excluded: Exclusion[] = [];
  for (const entry of catalog) {
    const exclusion = exclusionOf(entry, profile);
    if (exclusion) excluded.push(exclusion);
    else eligible.push(entry);
  }
  return { eligible, excluded };
}

/**
 * Conflicts between the workload and the target that no framework resolves, reported as notes:
 * serverless functions cannot hold long-lived connections (decision model), whatever runs inside.
 */
export function workloadConflicts(profile: Profile): string[] {
  const notes: string[] = [];
  if (demandOf(profile).realtimeOnServerless) {
    const connections = profile.workload.realtime.concurrentConnections.toLocaleString('en-US');
    notes.push(
      `Serverless functions cannot hold ${connections} long-lived real-time connections: plan a managed ` +
        'WebSocket gateway in front of the functions, or run the real-time part in containers.',
    );
  }
  return notes;
}
