import { z } from 'zod';
import {
  DATABASES,
  DATA_COMPLEXITIES,
  DEPLOYMENT_TARGETS,
  FEATURE_TOGGLES,
  type FeatureToggle,
  FRAMEWORK_IDS,
  HORIZONS,
  LANGUAGE_IDS,
  LEARNING_APPETITES,
  READ_WRITE_MIXES,
  SKILL_LEVELS,
  TURNOVERS,
} from './ids.js';
import { projectNameProblems } from './project-name.js';

/** Bumped when a stored profile needs migrating; see ./migrate.ts. */
export const PROFILE_SCHEMA_VERSION = 1;

const skillKey = z.enum([...LANGUAGE_IDS, ...FRAMEWORK_IDS] as [string, ...string[]]);

export const projectNameSchema = z.string().superRefine((name, ctx) => {
  for (const message of projectNameProblems(name)) ctx.addIssue({ code: 'custom', message });
});

export const workloadSchema = z.strictObject({
  readWriteMix: z.enum(READ_WRITE_MIXES),
  realtime: z.strictObject({
    enabled: z.boolean(),
    concurrentConnections: z.number().int().min(0).max(100_000_000),
  }),
  cpuBound: z.boolean(),
  batchJobs: z.boolean(),
  dataComplexity: z.enum(DATA_COMPLEXITIES),
  peakRps: z.number().min(0).max(100_000_000),
  peakRpsIn2Years: z.number().min(0).max(100_000_000),
  p99TargetMs: z.number().int().min(1).max(600_000),
});

export const teamSchema = z.strictObject({
  skills: z.partialRecord(skillKey, z.enum(SKILL_LEVELS)),
  size: z.number().int().min(1).max(10_000),
  turnover: z.enum(TURNOVERS),
  learningAppetite: z.enum(LEARNING_APPETITES),
});

export const deploymentSchema = z.strictObject({
  target: z.enum(DEPLOYMENT_TARGETS),
});

/**
 * The one profile model: prompts, flags, answers files, the manifest and the recommender all read
 * and write this shape. Unknown keys are errors so a typo in an answers file is never ignored.
 */
export const profileSchema = z.strictObject({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  projectName: projectNameSchema,
  description: z.string().max(500),
  workload: workloadSchema,
  team: teamSchema,
  deployment: deploymentSchema,
  horizon: z.enum(HORIZONS),
  /** Overrides the recommendation when set. */
  framework: z.enum(FRAMEWORK_IDS).optional(),
  database: z.enum(DATABASES),
  /** Explicit feature answers; features not named here follow the workload. */
  features: z
    .array(z.enum(FEATURE_TOGGLES))
    .refine((f) => new Set(f).size === f.length, { message: 'features must not repeat' })
    .refine((f) => !f.some((toggle) => f.includes(`no-${toggle}` as FeatureToggle)), {
      message: 'features must not both name a feature and its no- form',
    }),
});

export type Profile = z.infer<typeof profileSchema>;
export type Workload = Profile['workload'];
export type Team = Profile['team'];

/** Any subset of a profile, as an answers file or a set of flags may give it. */
export const partialProfileSchema = z.strictObject({
  schemaVersion: z.number().int().min(1).optional(),
  projectName: projectNameSchema.optional(),
  description: profileSchema.shape.description.optional(),
  workload: workloadSchema
    .extend({ realtime: workloadSchema.shape.realtime.partial() })
    .partial()
    .optional(),
  team: teamSchema.partial().optional(),
  deployment: deploymentSchema.partial().optional(),
  horizon: profileSchema.shape.horizon.optional(),
  framework: profileSchema.shape.framework,
  database: profileSchema.shape.database.optional(),
  features: profileSchema.shape.features.optional(),
});

export type PartialProfile = z.infer<typeof partialProfileSchema>;
