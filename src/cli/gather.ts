import { askMissing } from '../prompts/profile.js';
import { readAnswersFile, validatePartialProfile } from '../profile/answers-file.js';
import { profileFromFlags } from '../profile/from-flags.js';
import { mergeLayers } from '../profile/paths.js';
import { describeMissing, missingFields } from '../profile/resolve.js';
import type { PartialProfile } from '../profile/schema.js';
import { refuseFixedConflicts } from '../preset/answers.js';
import type { Preset } from '../preset/schema.js';
import { badInput } from './errors.js';

export interface GatherOptions {
  interactive: boolean;
  yes: boolean;
  /** Answers already known (e.g. a project's stored profile), under the file and the flags. */
  base?: PartialProfile;
  /** A team preset: its `fixed` answers win (contradicting them is an error), its `defaults` are offered. */
  preset?: Preset | undefined;
}

export const isInteractive = (): boolean => Boolean(process.stdin.isTTY);

/**
 * Collects answers in order of precedence: stored base < answers file < flags < prompts.
 * Without a terminal and without --yes, missing answers fail fast, naming the flags to pass.
 */
export async function gatherAnswers(
  options: Record<string, unknown>,
  how: GatherOptions,
): Promise<PartialProfile> {
  const fromFile =
    typeof options.answers === 'string' ? await readAnswersFile(options.answers) : {};
  const fromFlags = validatePartialProfile(profileFromFlags(options), 'Flags');
  const preset = how.preset;
  if (preset)
    refuseFixedConflicts(
      preset.name,
      preset.fixed,
      mergeLayers<PartialProfile>(fromFile, fromFlags),
    );
  const partial = mergeLayers<PartialProfile>(
    how.base ?? {},
    fromFile,
    fromFlags,
    preset?.fixed ?? {},
  );
  const missing = missingFields(partial);
  const defaults = preset?.defaults ?? {};
  if (missing.length === 0 || how.yes) return mergeLayers<PartialProfile>(defaults, partial);
  if (!how.interactive) {
    throw badInput(
      `Missing answers, and there is no terminal to ask them on:\n${describeMissing(missing)}\n` +
        'Pass them as flags or in --answers <file>, or add --yes to accept the defaults.',
    );
  }
  return askMissing(partial, undefined, defaults);
}
