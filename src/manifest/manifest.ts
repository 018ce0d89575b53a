import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { badInput } from '../cli/errors.js';
import { FRAMEWORK_IDS } from '../profile/ids.js';
import { formatIssues } from '../profile/issues.js';
import { migrateAnswers, NewerSchemaError } from '../profile/migrate.js';
import { profileSchema, type Profile } from '../profile/schema.js';
import { presetRecordSchema, type PresetRecord } from '../preset/schema.js';
import type { Recommendation } from '../recommend/index.js';
import { MANIFEST_FILE } from '../write/preflight.js';

export { MANIFEST_FILE };

/** How many of the winner's reasons the manifest keeps (the ADR has them all). */
const REASONS_KEPT = 6;

export const manifestSchema = z.strictObject({
  $comment: z.string(),
  generatorVersion: z.string(),
  framework: z.enum(FRAMEWORK_IDS),
  recommendation: z.strictObject({
    chosen: z.enum(FRAMEWORK_IDS),
    top: z.enum(FRAMEWORK_IDS),
    score: z.number(),
    margin: z.number(),
    overridden: z.boolean(),
    reasons: z.array(z.string()),
  }),
  modules: z.array(z.string()),
  features: z.array(z.string()),
  /** The team preset the project follows (absent when none). */
  preset: presetRecordSchema.optional(),
  profile: profileSchema,
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest: everything needed to explain, re-check, extend and update the project. No timestamps. */
export function buildManifest(input: {
  generatorVersion: string;
  framework: Manifest['framework'];
  profile: Profile;
  recommendation: Recommendation;
  modules: string[];
  features: string[];
  preset?: PresetRecord | undefined;
}): Manifest {
  const { recommendation: rec } = input;
  const chosen = rec.ranking.find((c) => c.id === input.framework);
  return {
    $comment:
      'Written by create-scalable-backend; read by its recommend, add and update commands. Edit answers with those commands rather than by hand.',
    generatorVersion: input.generatorVersion,
    framework: input.framework,
    recommendation: {
      chosen: rec.chosen,
      top: rec.top,
      score: chosen?.score ?? 0,
      margin: rec.margin,
      overridden: input.profile.framework !== undefined,
      reasons: (chosen?.reasons ?? []).slice(0, REASONS_KEPT),
    },
    modules: input.modules,
    features: input.features,
    ...(input.preset ? { preset: input.preset } : {}),
    profile: input.profile,
  };
}

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads and validates a project's manifest; exit 2 naming the field when it is broken (U03). */
export async function readManifest(projectDir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(projectDir, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw badInput(`${MANIFEST_FILE} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    if (raw.profile && typeof raw.profile === 'object') {
      raw = { ...raw, profile: migrateAnswers(raw.profile as Record<string, unknown>) };
    }
  } catch (error) {
    if (error instanceof NewerSchemaError) throw badInput(`${MANIFEST_FILE}: ${error.message}`);
    throw error;
  }
  const result = manifestSchema.safeParse(raw);
  if (!result.success)
    throw badInput(`${MANIFEST_FILE} is invalid:\n${formatIssues(result.error.issues)}`);
  return result.data;
}
