import type { FrameworkEntry } from '../catalog/frameworks.js';
import type { DeploymentTarget, FrameworkId, Horizon, LanguageId } from '../profile/ids.js';

/** Display words shared by explanations, the table and the ADR. */

export const LANGUAGE_LABELS: Readonly<Record<LanguageId, string>> = {
  typescript: 'TypeScript',
  javascript: 'JavaScript',
  python: 'Python',
  java: 'Java',
  kotlin: 'Kotlin',
  go: 'Go',
  elixir: 'Elixir',
  rust: 'Rust',
  php: 'PHP',
  ruby: 'Ruby',
  csharp: 'C#',
};

export const TARGET_LABELS: Readonly<Record<DeploymentTarget, string>> = {
  kubernetes: 'Kubernetes (containers)',
  serverless: 'serverless functions',
  paas: 'a PaaS',
  vm: 'VMs',
  edge: 'edge runtimes',
};

export const HORIZON_LABELS: Readonly<Record<Horizon, string>> = {
  prototype: 'a short-lived prototype / MVP',
  product: 'a product expected to grow',
  platform: 'a platform meant to live five years or more',
};

/** 12345 -> "12,345", without depending on the runtime's locale data. */
export function formatNumber(value: number): string {
  const [whole = '0', fraction] = String(Math.round(value * 100) / 100).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** A score as shown everywhere: one decimal, always printed ("72.0"). */
export function formatScore(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

export function skillKeyLabel(
  key: LanguageId | FrameworkId,
  catalog: readonly FrameworkEntry[],
): string {
  if (key in LANGUAGE_LABELS) return LANGUAGE_LABELS[key as LanguageId];
  return catalog.find((entry) => entry.id === key)?.displayName ?? key;
}

/** The languages native to a framework, joined for a sentence: "TypeScript or JavaScript". */
export function nativeLanguagesLabel(entry: FrameworkEntry): string {
  return entry.facts.languages.value
    .filter((item) => item.affinity === 1)
    .map((item) => LANGUAGE_LABELS[item.language])
    .join(' or ');
}
