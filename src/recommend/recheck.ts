import { frameworkEntry } from '../catalog/frameworks.js';
import type { FrameworkId } from '../profile/ids.js';
import type { Profile } from '../profile/schema.js';
import type { Recommendation } from './recommend.js';
import { recommend } from './recommend.js';
import { formatNumber, formatScore, skillKeyLabel } from './words.js';
import { FRAMEWORKS } from '../catalog/frameworks.js';

/**
 * Re-check inside a generated project: the stored profile and choice against an updated profile.
 * The choice holds when it keeps the standing it had: still allowed on the target, and
 * - if it led overall, it still leads;
 * - else if it was the best scaffoldable option, it still is;
 * - else (a user override) it has not fallen further behind the leader than the tolerance.
 * Pure: no I/O, the caller reads the manifest and prints the result.
 */

export interface RecheckResult {
  holds: boolean;
  summary: string[];
  /** The fresh recommendation for the updated profile (without the stored override). */
  recommendation: Recommendation;
}

/** How many more points an override may fall behind the leader before it is flagged. */
export const OVERRIDE_TOLERANCE_POINTS = 2;

const FIELD_LABELS: Readonly<Record<string, { label: string; unit?: string }>> = {
  'workload.readWriteMix': { label: 'read/write mix' },
  'workload.realtime.enabled': { label: 'real-time connections' },
  'workload.realtime.concurrentConnections': { label: 'concurrent real-time connections' },
  'workload.cpuBound': { label: 'CPU-bound work' },
  'workload.batchJobs': { label: 'batch jobs' },
  'workload.dataComplexity': { label: 'data complexity' },
  'workload.peakRps': { label: 'peak load now', unit: 'rps' },
  'workload.peakRpsIn2Years': { label: 'peak load expected within two years', unit: 'rps' },
  'workload.p99TargetMs': { label: 'p99 latency target', unit: 'ms' },
  'team.size': { label: 'team size', unit: 'people' },
  'team.turnover': { label: 'team turnover' },
  'team.learningAppetite': { label: 'appetite for new paradigms' },
  'deployment.target': { label: 'deployment target' },
  horizon: { label: 'horizon' },
  database: { label: 'database' },
  features: { label: 'features' },
  framework: { label: 'framework override' },
};

type Flat = Record<string, string | number | boolean | undefined>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (Array.isArray(value)) {
    out[prefix] = value.join(', ') || 'none';
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value))
      flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out[prefix] = value as string | number | boolean | undefined;
  }
  return out;
}

function show(value: string | number | boolean | undefined, unit?: string): string {
  if (value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number')
    return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  return value;
}

/** The answers that differ, in plain words ("peak load expected within two years: 1,000 rps -> 10,000 rps"). */
export function profileChanges(before: Profile, after: Profile): string[] {
  const a = flatten(before, '', {});
  const b = flatten(after, '', {});
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => key !== 'schemaVersion' && key !== 'projectName' && key !== 'description',
  );
  const changes: string[] = [];
  for (const key of keys.sort()) {
    if (a[key] === b[key]) continue;
    if (key.startsWith('team.skills.')) {
      const skill = key.slice('team.skills.'.length) as FrameworkId;
      changes.push(
        `team skill in ${skillKeyLabel(skill, FRAMEWORKS)}: ${show(a[key] ?? 'none')} -> ${show(b[key] ?? 'none')}`,
      );
      continue;
    }
    const field = FIELD_LABELS[key] ?? { label: key };
    changes.push(`${field.label}: ${show(a[key], field.unit)} -> ${show(b[key], field.unit)}`);
  }
  return changes;
}

export function withoutOverride(profile: Profile): Profile {
  const { framework: _override, ...rest } = profile;
  return rest;
}

function scoreOf(rec: Recommendation, id: FrameworkId): number | undefined {
  return rec.ranking.find((c) => c.id === id)?.score;
}

export function recheck(
  stored: { profile: Profile; chosen: FrameworkId },
  updated: Profile,
): RecheckResult {
  const before = recommend(withoutOverride(stored.profile));
  const after = recommend(withoutOverride(updated));
  const chosen = stored.chosen;
  const name = (id: FrameworkId) => frameworkEntry(id).displayName;
  const summary: string[] = [];

  const changes = profileChanges(withoutOverride(stored.profile), withoutOverride(updated));
  summary.push(
    changes.length > 0 ? `Changed answers: ${changes.join('; ')}.` : 'No answers changed.',
  );

  const beforeScore = scoreOf(before, chosen);
  const afterScore = scoreOf(after, chosen);
  const exclusion = after.excluded.find((item) => item.id === chosen);
  const afterTop = after.ranking[0];

  let holds: boolean;
  if (exclusion || afterScore === undefined) {
    holds = false;
    summary.push(
      `${name(chosen)} is ruled out by the new answers: it ${exclusion?.reason ?? 'is not ranked'}.`,
    );
  } else {
    summary.push(
      `${name(chosen)} scores ${beforeScore === undefined ? 'n/a' : formatScore(beforeScore)} -> ${formatScore(afterScore)}` +
        ` (rank ${after.ranking.findIndex((c) => c.id === chosen) + 1} of ${after.ranking.length}).`,
    );
    if (before.top === chosen) {
      holds = after.top === chosen;
      if (!holds && afterTop) {
        summary.push(
          `${name(after.top)} now leads with ${formatScore(afterTop.score)}, ${formatScore(afterTop.score - afterScore)} points ahead.`,
        );
      }
    } else if (before.chosen === chosen) {
      holds = after.chosen === chosen;
      if (!holds)
        summary.push(`${name(after.chosen)} is now the best framework this tool can scaffold.`);
    } else {
      const topBefore = before.ranking[0]?.score ?? 0;
      const gapBefore = beforeScore === undefined ? 0 : topBefore - beforeScore;
      const gapAfter = (afterTop?.score ?? 0) - afterScore;
      holds = gapAfter <= gapBefore + OVERRIDE_TOLERANCE_POINTS;
      summary.push(
        `It was your override, ${formatScore(gapBefore)} points behind the leader; it is now ${formatScore(gapAfter)} behind.`,
      );
    }
  }
  if (after.top !== chosen && afterTop) {
    summary.push(
      `Leader for the new answers: ${name(after.top)} (${formatScore(afterTop.score)})` +
        (afterTop.scaffoldable
          ? '.'
          : `, which this tool cannot scaffold yet; best scaffoldable: ${name(after.chosen)}.`),
    );
  }
  summary.push(
    holds
      ? `The original choice, ${name(chosen)}, still holds.`
      : `The original choice, ${name(chosen)}, no longer holds: review docs/adr/0001-framework-choice.md.`,
  );
  return { holds, summary, recommendation: after };
}
