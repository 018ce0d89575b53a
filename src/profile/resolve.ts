import { badInput } from '../cli/errors.js';
import { DEFAULT_PROFILE } from './defaults.js';
import { PROFILE_FIELDS, type ProfileField } from './fields.js';
import { formatIssues } from './issues.js';
import { getPath, mergeLayers } from './paths.js';
import { profileSchema, type PartialProfile, type Profile } from './schema.js';

/** Flattens the given answers into `path → value` for the fields table. */
export function flattenAnswers(partial: PartialProfile): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const value = getPath(partial, field.path);
    if (value !== undefined) flat[field.path] = value;
  }
  return flat;
}

/** Required answers that were not given, in question order, honouring `askWhen`. */
export function missingFields(partial: PartialProfile): ProfileField[] {
  const flat = flattenAnswers(partial);
  return PROFILE_FIELDS.filter(
    (f) => f.required && flat[f.path] === undefined && (f.askWhen?.(flat) ?? true),
  );
}

export function describeMissing(fields: readonly ProfileField[]): string {
  return fields
    .map((f) => `  --${f.flag}${f.choices ? ` <${f.choices.join('|')}>` : ''}  ${f.message}`)
    .join('\n');
}

/** Merges defaults under the given answers and validates the result as a complete profile. */
export function completeProfile(partial: PartialProfile, projectName: string): Profile {
  const merged = mergeLayers<Record<string, unknown>>(DEFAULT_PROFILE, partial, { projectName });
  const result = profileSchema.safeParse(merged);
  if (!result.success) throw badInput(`Invalid answers:\n${formatIssues(result.error.issues)}`);
  return result.data;
}
