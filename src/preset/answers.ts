import { badInput } from '../cli/errors.js';
import { fieldByPath } from '../profile/fields.js';
import { flattenAnswers } from '../profile/resolve.js';
import type { PartialProfile } from '../profile/schema.js';

/** Answers the user gave that contradict the preset's pinned ones, as "field: pinned vs given". Pure. */
export function fixedConflicts(fixed: PartialProfile, given: PartialProfile): string[] {
  const pinned = flattenAnswers(fixed);
  const theirs = flattenAnswers(given);
  return Object.entries(pinned)
    .filter(
      ([path, value]) => path in theirs && JSON.stringify(theirs[path]) !== JSON.stringify(value),
    )
    .map(([path, value]) => {
      const flag = fieldByPath(path)?.flag;
      return `${path}${flag ? ` (--${flag})` : ''}: the preset fixes ${JSON.stringify(value)}, you gave ${JSON.stringify(theirs[path])}`;
    });
}

export function refuseFixedConflicts(
  presetName: string,
  fixed: PartialProfile | undefined,
  given: PartialProfile,
): void {
  const conflicts = fixedConflicts(fixed ?? {}, given);
  if (conflicts.length > 0) {
    throw badInput(
      `preset ${presetName} pins answers that your flags or answers file contradict:\n${conflicts.map((c) => `  - ${c}`).join('\n')}\n` +
        'Drop them (the preset decides these), or use another preset.',
    );
  }
}
