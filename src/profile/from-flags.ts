import { badInput } from '../cli/errors.js';
import { camelCase } from '../render/case.js';
import { PROFILE_FIELDS, type ProfileField } from './fields.js';
import { SKILL_LEVELS } from './ids.js';
import { setPath } from './paths.js';

/** The commander option key of a field (`--read-write-mix` → `readWriteMix`). */
export function optionKey(field: ProfileField): string {
  return camelCase(field.flag);
}

function parseInteger(field: ProfileField, raw: string): number {
  if (!/^\d+$/.test(raw.trim()))
    throw badInput(`--${field.flag} must be a whole number, got "${raw}"`);
  return Number(raw);
}

function parseSkills(field: ProfileField, raw: readonly string[]): Record<string, string> {
  const skills: Record<string, string> = {};
  for (const entry of raw) {
    const [id, level, ...rest] = entry.split('=');
    if (!id || !level || rest.length > 0 || !(SKILL_LEVELS as readonly string[]).includes(level)) {
      throw badInput(
        `--${field.flag} takes <language>=<level> with level one of ${SKILL_LEVELS.join('|')}, got "${entry}"`,
      );
    }
    skills[id] = level;
  }
  return skills;
}

/**
 * Converts parsed CLI options into a partial profile. Only flags the user gave appear; values are
 * checked for shape here and for meaning by the profile schema afterwards.
 */
export function profileFromFlags(options: Record<string, unknown>): Record<string, unknown> {
  const partial: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const raw = options[optionKey(field)];
    if (raw === undefined) continue;
    let value: unknown;
    switch (field.kind) {
      case 'int':
        value = parseInteger(field, String(raw));
        break;
      case 'skills':
        value = parseSkills(field, raw as string[]);
        break;
      case 'list':
        value = (raw as string[])
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter(Boolean);
        break;
      default:
        value = raw;
    }
    setPath(partial, field.path, value);
  }
  return partial;
}
