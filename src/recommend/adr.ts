import { FRAMEWORKS, frameworkEntry } from '../catalog/frameworks.js';
import type { FrameworkId } from '../profile/ids.js';
import { FEATURE_LABELS, type FeatureDecision } from '../profile/features.js';
import type { Profile } from '../profile/schema.js';
import { CRITERIA, SUB_CRITERIA } from './criteria.js';
import { demandOf } from './demand.js';
import { describeFlip, findFlips } from './counterfactuals.js';
import { describeProfile } from './profile-text.js';
import type { Recommendation } from './recommend.js';
import { effectiveWeights } from './score.js';
import { formatNumber, formatScore } from './words.js';

/**
 * The MADR-style decision record written to docs/adr/0001-framework-choice.md: context (the
 * profile in plain words), decision drivers, the options with their scores, the decision and its
 * reasons, consequences, and "revisit when" triggers re-computed from the profile. Pure: the same
 * profile and recommendation always give the same text (no dates), so it diffs cleanly.
 */

const MAX_DRIVERS = 5;
const MAX_OTHER_OPTIONS = 3;
const MAX_FLIP_TRIGGERS = 5;

/** Markdown-safe inline text: one line, markdown punctuation escaped. */
export function markdownInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, (char) => `\\${char}`);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function nameOf(id: FrameworkId): string {
  return frameworkEntry(id).displayName;
}

function decisionDrivers(profile: Profile): string[] {
  const weights = effectiveWeights(demandOf(profile));
  const criterionWeight = Object.fromEntries(CRITERIA.map((c) => [c.id, c.weight]));
  return SUB_CRITERIA.map((sub) => ({
    sub,
    points: (criterionWeight[sub.criterion] ?? 0) * weights[sub.id],
  }))
    .sort((a, b) => b.points - a.points)
    .slice(0, MAX_DRIVERS)
    .map(({ sub, points }) => `${sub.label} (${formatScore(points)} of 100 points)`);
}

function optionsTable(rec: Recommendation): string[] {
  const rows = rec.ranking.map(
    (c, index) =>
      `| ${index + 1} | ${c.displayName}${c.id === rec.chosen ? ' (chosen)' : ''} | ${formatScore(c.score)} | ` +
      `${formatScore(c.criteria.technical)} | ${formatScore(c.criteria.team)} | ` +
      `${formatScore(c.criteria.ecosystem)} | ${formatScore(c.criteria.strategic)} | ${c.scaffoldable ? 'yes' : 'not yet'} |`,
  );
  return [
    '| Rank | Framework | Score | Technical | Team | Ecosystem | Strategic | Scaffoldable |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ];
}

function revisitTriggers(
  profile: Profile,
  rec: Recommendation,
  allowed: readonly FrameworkId[] | undefined,
): string[] {
  const w = profile.workload;
  // Under a team policy, a change that would favour an excluded framework changes nothing.
  const triggers = findFlips(profile, FRAMEWORKS)
    .filter((flip) => allowed === undefined || allowed.includes(flip.leader))
    .slice(0, MAX_FLIP_TRIGGERS)
    .map((flip) => `${describeFlip(flip, FRAMEWORKS)}.`);
  triggers.push(
    `Measured peak load outgrows the two-year estimate of ${formatNumber(w.peakRpsIn2Years)} rps.`,
    `The p99 target tightens below ${formatNumber(w.p99TargetMs)} ms, or production p99 misses it.`,
    w.realtime.enabled
      ? `Concurrent real-time connections outgrow ${formatNumber(w.realtime.concurrentConnections)}.`
      : 'The product starts needing real-time connections (WebSocket, SSE).',
    `The team changes: members with other skills, growth beyond ${profile.team.size} people, or higher turnover.`,
  );
  const top = rec.ranking.find((c) => c.id === rec.top);
  const chosen = rec.ranking.find((c) => c.id === rec.chosen);
  if (top && rec.top !== rec.chosen && !top.scaffoldable) {
    const gap = chosen ? ` (it scored ${formatScore(top.score - chosen.score)} points higher)` : '';
    triggers.push(`create-scalable-backend can scaffold ${top.displayName}${gap}.`);
  }
  return triggers.map((line) => `- ${line}`);
}

/** '+ x' / '- x' as MADR's "Good, because x" / "Bad, because x" (a bare '+' would nest a list). */
function madrReason(reason: string): string {
  return reason.startsWith('+ ')
    ? `Good, because ${reason.slice(2)}`
    : `Bad, because ${reason.slice(2)}`;
}

function bulletList(items: readonly string[]): string[] {
  return items.map((item) => `- ${item}`);
}

/** The team preset a project was generated under, as the ADR reports it. */
export interface TeamStandard {
  readonly name: string;
  readonly version: string;
  readonly allowedFrameworks?: readonly FrameworkId[];
  /** Our files the preset replaced on purpose, with its reasons. */
  readonly replaced: readonly { path: string; reason: string }[];
}

function teamStandardSection(standard: TeamStandard): string[] {
  const lines = [
    '## Team standard',
    '',
    `Generated under the preset \`${markdownInline(standard.name)}\` ${markdownInline(standard.version)}.`,
    '',
  ];
  if (standard.allowedFrameworks) {
    lines.push(
      `- Allowed frameworks: ${standard.allowedFrameworks.map(nameOf).join(', ')}; the others appear under Considered options as excluded by policy.`,
    );
  }
  if (standard.replaced.length === 0) {
    lines.push(
      '- It adds files and fills declared slots; none of the production defaults was replaced.',
    );
  }
  for (const { path, reason } of standard.replaced) {
    lines.push(`- Replaces \`${markdownInline(path)}\`: ${sentence(markdownInline(reason))}`);
  }
  return [...lines, ''];
}

/** A feature as the plan decided it (src/render/plan.ts PlannedFeature). */
export interface FeatureNote extends FeatureDecision {
  readonly available: boolean;
}

function featureLine(note: FeatureNote, chosenName: string): string {
  const label = FEATURE_LABELS[note.feature];
  if (!note.on) return `${label}: off; ${note.because}.`;
  if (!note.available) {
    return `${label}: not included; ${note.because}, but the ${chosenName} starter does not have it in this version.`;
  }
  return `${label}: included, because ${note.because}.`;
}

function featuresSection(features: readonly FeatureNote[], chosenName: string): string[] {
  return [
    '## Workload features',
    '',
    'What the starter includes because of the workload. Change one with `--feature <name>` or ' +
      '`--feature no-<name>` (or `features` in an answers file).',
    '',
    ...bulletList(features.map((note) => featureLine(note, chosenName))),
  ];
}

export function renderAdr(
  profile: Profile,
  rec: Recommendation,
  generatorVersion: string,
  standard?: TeamStandard,
  features: readonly FeatureNote[] = [],
): string {
  const chosen = rec.ranking.find((c) => c.id === rec.chosen);
  const entry = frameworkEntry(rec.chosen);
  const chosenName = entry.displayName;
  const marginWords =
    rec.margin >= 0
      ? `${formatScore(rec.margin)} points ahead of the runner-up`
      : `${formatScore(-rec.margin)} points behind the leader, ${nameOf(rec.top)}`;
  const negatives = chosen?.reasons.filter((r) => r.startsWith('- ')).map((r) => r.slice(2)) ?? [];
  const weightsLine = CRITERIA.map((c) => `${c.label.toLowerCase()} ${c.weight}%`).join(', ');

  const lines: string[] = [
    `# 1. Use ${chosenName} as the backend framework`,
    '',
    '- Status: accepted',
    `- Recorded by: create-scalable-backend ${markdownInline(generatorVersion)}`,
    `- Decision model: weighted score of ${weightsLine}`,
    '',
    '## Context and problem statement',
    '',
    `\`${profile.projectName}\` needs a backend framework that fits its workload, its team and where it runs.` +
      (profile.description.trim()
        ? ` The project: ${sentence(markdownInline(profile.description))}`
        : ''),
    '',
    ...describeProfile(profile).map(({ label, text }) => `- **${label}:** ${text}`),
    '',
    ...(standard ? teamStandardSection(standard) : []),
    '## Decision drivers',
    '',
    'What this profile weighs most, as a share of the 100-point score:',
    '',
    ...bulletList(decisionDrivers(profile)),
    '',
    '## Considered options',
    '',
    ...optionsTable(rec),
  ];
  if (rec.excluded.length > 0) {
    lines.push('', 'Ruled out (hard constraints, or the team policy):', '');
    lines.push(...bulletList(rec.excluded.map((item) => `${nameOf(item.id)}: ${item.reason}`)));
  }
  lines.push(
    '',
    '## Decision outcome',
    '',
    `Chosen option: **${chosenName}**` +
      (chosen
        ? ` (${formatScore(chosen.score)} of 100), ${marginWords}.`
        : ', chosen outside the ranking.'),
    '',
  );
  if (chosen) lines.push(...bulletList(chosen.reasons.map(madrReason)), '');
  for (const note of rec.notes) lines.push(`> ${note}`, '');
  lines.push(
    '### Consequences',
    '',
    'Easier:',
    '',
    ...bulletList(entry.facts.fits.value),
    '',
    'Harder:',
    '',
    ...bulletList([...entry.facts.weakAt.value, ...negatives]),
  );
  if (features.length > 0) lines.push('', ...featuresSection(features, chosenName));
  lines.push('', '## Pros and cons of the other leading options');
  for (const option of rec.ranking.filter((c) => c.id !== rec.chosen).slice(0, MAX_OTHER_OPTIONS)) {
    lines.push(
      '',
      `### ${option.displayName} (${formatScore(option.score)})`,
      '',
      ...bulletList(option.reasons.map(madrReason)),
    );
  }
  lines.push(
    '',
    '## Revisit when',
    '',
    'Re-run `create-scalable-backend recommend` in this project when any of these becomes true; ' +
      'the first lines are re-computed rankings for a changed profile.',
    '',
    ...revisitTriggers(profile, rec, standard?.allowedFrameworks),
    '',
    '## More information',
    '',
    'Each criterion is scored 0-100 from the facts in the framework catalog (each fact cites its source), ' +
      'weighted by how hard this profile presses on it. Hard constraints (what cannot run on the deployment target) filter before scoring. `create-scalable-backend recommend` inside this project re-checks this choice against changed answers without touching files.',
    '',
  );
  return lines.join('\n');
}
