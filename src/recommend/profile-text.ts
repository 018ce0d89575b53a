import { FRAMEWORKS } from '../catalog/frameworks.js';
import type { DeploymentTarget, FrameworkId, LanguageId } from '../profile/ids.js';
import type { Profile } from '../profile/schema.js';
import { knownSkills, skillLevelOf } from './familiarity.js';
import { formatNumber, HORIZON_LABELS, skillKeyLabel, TARGET_LABELS } from './words.js';

/** The profile in plain words, for the ADR's context, the re-check summary and scenario tables. */

const MIX_WORDS = {
  'read-heavy': 'read-heavy traffic',
  'write-heavy': 'write-heavy traffic',
  balanced: 'balanced reads and writes',
} as const;

const DATA_WORDS = {
  simple: 'simple data',
  relational: 'relational data with complex queries',
  transactional: 'relational data with multi-step transactions',
} as const;

export function skillsInWords(skills: Profile['team']['skills']): string {
  const known = knownSkills(skills);
  if (known.length === 0) return "none in the catalog's languages";
  return known
    .map((key) => `${skillKeyLabel(key, FRAMEWORKS)} (${skillLevelOf(skills, key)})`)
    .join(', ');
}

export function workloadInWords(profile: Profile): string {
  const w = profile.workload;
  const parts = [
    MIX_WORDS[w.readWriteMix],
    DATA_WORDS[w.dataComplexity],
    `peak ${formatNumber(w.peakRps)} rps now and ${formatNumber(w.peakRpsIn2Years)} rps expected within two years`,
    `p99 latency target ${formatNumber(w.p99TargetMs)} ms`,
    w.realtime.enabled
      ? `${formatNumber(w.realtime.concurrentConnections)} concurrent real-time connections`
      : 'no real-time connections',
    w.cpuBound ? 'CPU-bound work in the service' : 'I/O-bound work',
    w.batchJobs ? 'batch or background jobs' : 'no batch jobs',
  ];
  return parts.join('; ');
}

export function teamInWords(profile: Profile): string {
  const t = profile.team;
  const people = t.size === 1 ? '1 person' : `${t.size} people`;
  return (
    `${people}, ${t.turnover} turnover, ${t.learningAppetite} appetite for new paradigms; ` +
    `skills: ${skillsInWords(t.skills)}`
  );
}

export function deploymentInWords(target: DeploymentTarget): string {
  return TARGET_LABELS[target];
}

/** One line per aspect, in the order a reader needs them. */
export function describeProfile(profile: Profile): { label: string; text: string }[] {
  const lines = [
    { label: 'Workload', text: workloadInWords(profile) },
    { label: 'Team', text: teamInWords(profile) },
    { label: 'Deployment', text: deploymentInWords(profile.deployment.target) },
    { label: 'Horizon', text: HORIZON_LABELS[profile.horizon] },
    { label: 'Database', text: profile.database === 'postgres' ? 'PostgreSQL' : profile.database },
  ];
  if (profile.features.length > 0)
    lines.push({ label: 'Features', text: profile.features.join(', ') });
  return lines;
}

const SHORT_LEVEL = { none: '-', basic: 'basic', proficient: 'prof', expert: 'expert' } as const;
const SHORT_TARGET: Readonly<Record<DeploymentTarget, string>> = {
  kubernetes: 'k8s',
  serverless: 'serverless',
  paas: 'paas',
  vm: 'vm',
  edge: 'edge',
};

function compactNumber(value: number): string {
  if (value >= 1_000_000) return `${formatNumber(value / 1_000_000)}M`;
  if (value >= 1_000) return `${formatNumber(value / 1_000)}k`;
  return formatNumber(value);
}

/** The whole profile on one line, for scenario tables: "typescript:prof x4; 1k rps@2y p99 200ms rel; k8s; product". */
export function profileOneLine(profile: Profile): string {
  const { workload: w, team: t } = profile;
  const skills = knownSkills(t.skills)
    .map((key: LanguageId | FrameworkId) => `${key}:${SHORT_LEVEL[skillLevelOf(t.skills, key)]}`)
    .join(',');
  const traits = [
    w.realtime.enabled ? `rt ${compactNumber(w.realtime.concurrentConnections)}` : '',
    w.cpuBound ? 'cpu' : '',
    w.batchJobs ? 'jobs' : '',
    w.dataComplexity === 'simple' ? '' : w.dataComplexity === 'relational' ? 'rel' : 'tx',
  ].filter(Boolean);
  return [
    `${skills || 'no catalog language'} x${t.size}${t.turnover === 'high' ? ' churn' : ''}`,
    `${compactNumber(w.peakRpsIn2Years)} rps@2y p99 ${w.p99TargetMs}ms${traits.length ? ' ' + traits.join(' ') : ''}`,
    SHORT_TARGET[profile.deployment.target],
    profile.horizon,
  ].join('; ');
}
