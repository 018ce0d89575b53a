import type { FrameworkEntry } from '../catalog/frameworks.js';
import type { FrameworkId, LanguageId, SkillLevel } from '../profile/ids.js';
import { FRAMEWORK_IDS, LANGUAGE_IDS } from '../profile/ids.js';
import type { Team } from '../profile/schema.js';
import { LANGUAGE_TRANSFER_LOSS_PER_POINT, SKILL_LEVEL_VALUE } from './criteria.js';

/** How well the team knows a framework, and which skill gives that (for the explanation). */
export interface Familiarity {
  /** 0 = unknown, 1 = the team is fully productive in it. */
  value: number;
  /** The strongest skill behind the value; undefined when the team knows nothing relevant. */
  via?: { key: FrameworkId | LanguageId; level: SkillLevel; kind: 'framework' | 'language' };
}

type Skills = Team['skills'];

function levelOf(skills: Skills, key: string): SkillLevel {
  return (skills as Record<string, SkillLevel | undefined>)[key] ?? 'none';
}

/**
 * A language's effective level: the level given for it, or the level given for a framework written
 * natively in it (a Django expert knows Python), whichever is higher.
 */
export function effectiveLanguageLevel(
  language: LanguageId,
  skills: Skills,
  catalog: readonly FrameworkEntry[],
): SkillLevel {
  let best = levelOf(skills, language);
  for (const entry of catalog) {
    const native = entry.facts.languages.value.some(
      (item) => item.language === language && item.affinity === 1,
    );
    const level = levelOf(skills, entry.id);
    if (native && SKILL_LEVEL_VALUE[level] > SKILL_LEVEL_VALUE[best]) best = level;
  }
  return best;
}

/**
 * Familiarity is the best of: the skill in the framework itself, or a skill in one of its languages
 * discounted for how much framework there is still to learn. Taking the maximum keeps it monotone:
 * raising any skill never lowers any framework's familiarity.
 */
export function familiarityWith(
  entry: FrameworkEntry,
  skills: Skills,
  catalog: readonly FrameworkEntry[],
): Familiarity {
  const frameworkLevel = levelOf(skills, entry.id);
  let result: Familiarity = { value: SKILL_LEVEL_VALUE[frameworkLevel] };
  if (frameworkLevel !== 'none') {
    result.via = { key: entry.id, level: frameworkLevel, kind: 'framework' };
  }
  const transfer = 1 - LANGUAGE_TRANSFER_LOSS_PER_POINT * entry.facts.abstractionToLearn.value;
  for (const { language, affinity } of entry.facts.languages.value) {
    const level = effectiveLanguageLevel(language, skills, catalog);
    const value = SKILL_LEVEL_VALUE[level] * affinity * transfer;
    if (value > result.value) result = { value, via: { key: language, level, kind: 'language' } };
  }
  return result;
}

/** Languages and frameworks the team knows at least at a basic level, in vocabulary order. */
export function knownSkills(skills: Skills): (LanguageId | FrameworkId)[] {
  // 'go' is both a language and a framework id: list it once.
  const keys = [...new Set<LanguageId | FrameworkId>([...LANGUAGE_IDS, ...FRAMEWORK_IDS])];
  return keys.filter((key) => levelOf(skills, key) !== 'none');
}

/** True when no skill of the team touches any candidate: every option starts with ramp-up. */
export function teamKnowsNoCatalogLanguage(
  skills: Skills,
  catalog: readonly FrameworkEntry[],
): boolean {
  return catalog.every((entry) => familiarityWith(entry, skills, catalog).value === 0);
}

export function skillLevelOf(skills: Skills, key: LanguageId | FrameworkId): SkillLevel {
  return levelOf(skills, key);
}
