import { z } from 'zod';
import { GENERATOR_NAMES } from '../../generators/index.js';
import { FRAMEWORK_IDS } from '../profile/ids.js';
import { partialProfileSchema } from '../profile/schema.js';
import { PRESET_SLOT_IDS } from './slots.js';

const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/**
 * A team preset (JSON or YAML; an npm package names it as its `main`). Strict: an unknown key is
 * an error naming it, so a typo never silently drops a team rule.
 */
export const presetSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Usually the npm package name, e.g. `@acme/backend-preset`. */
  name: z.string().min(1).max(214),
  version: z.string().regex(VERSION, 'must be a version like 1.2.0'),
  description: z.string().optional(),
  /** The oldest create-scalable-backend this preset works with. */
  requiresGenerator: z.string().regex(VERSION, 'must be a version like 0.1.0').optional(),
  /** Answers pinned by the team: not asked, and a conflicting flag or answers file is an error. */
  fixed: partialProfileSchema.optional(),
  /** Answers the user is asked with this default (taken as is with --yes). */
  defaults: partialProfileSchema.optional(),
  /** Only these are ranked and scaffolded; better-scoring others are named as excluded by policy. */
  allowedFrameworks: z.array(z.enum(FRAMEWORK_IDS)).min(1).optional(),
  /** Folder (inside the preset) rendered after our templates: files to add (.hbs rendered). */
  overlay: z.string().min(1).optional(),
  /** Declared slots to fill, each with a file (inside the preset) whose text goes there. */
  slots: z.partialRecord(z.enum(PRESET_SLOT_IDS), z.string().min(1)).optional(),
  /** Extra template folders (inside the preset) per `add` generator: files added with ours. */
  generators: z.partialRecord(z.enum(GENERATOR_NAMES), z.string().min(1)).optional(),
  /** Our files an overlay file replaces on purpose; the reason goes into the ADR. */
  replaces: z
    .array(z.strictObject({ path: z.string().min(1), reason: z.string().min(10) }))
    .optional(),
});

export type Preset = z.infer<typeof presetSchema>;

/** What the manifest keeps about the preset, so update and recommend can apply it again. */
export const presetRecordSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** How it was given: a path (made absolute) or a package name. */
  source: z.string(),
  allowedFrameworks: z.array(z.enum(FRAMEWORK_IDS)).optional(),
});
export type PresetRecord = z.infer<typeof presetRecordSchema>;
