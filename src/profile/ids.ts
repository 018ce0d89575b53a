/**
 * Every closed vocabulary of the product, as data. One kebab-case id is used everywhere:
 * catalog entry, template folder, flag value, answers-file value and snapshot name.
 */
export const FRAMEWORK_IDS = [
  'fastify',
  'nestjs',
  'express',
  'hono',
  'fastapi',
  'django',
  'spring-boot',
  'go',
  'phoenix',
  'rails',
  'laravel',
  'aspnet-core',
  'axum',
] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** Languages a team can know. Framework ids are accepted as skill keys too (familiarity with it). */
export const LANGUAGE_IDS = [
  'typescript',
  'javascript',
  'python',
  'java',
  'kotlin',
  'go',
  'elixir',
  'rust',
  'php',
  'ruby',
  'csharp',
] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

export const SKILL_LEVELS = ['none', 'basic', 'proficient', 'expert'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export const READ_WRITE_MIXES = ['read-heavy', 'write-heavy', 'balanced'] as const;
export const DATA_COMPLEXITIES = ['simple', 'relational', 'transactional'] as const;
export const TURNOVERS = ['low', 'high'] as const;
export const LEARNING_APPETITES = ['low', 'medium', 'high'] as const;
export const DEPLOYMENT_TARGETS = ['kubernetes', 'serverless', 'paas', 'vm', 'edge'] as const;
export type DeploymentTarget = (typeof DEPLOYMENT_TARGETS)[number];
export const HORIZONS = ['prototype', 'product', 'platform'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const DATABASES = ['postgres'] as const;
/** Optional features a profile can switch on (each arrives with its own issue). */
export const FEATURE_IDS = ['realtime', 'jobs', 'cache'] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];
/**
 * A feature answer: `cache` switches the feature on, `no-cache` keeps it off whatever the workload
 * says; a feature not named follows the workload (src/profile/features.ts).
 */
export const FEATURE_TOGGLES = [
  ...FEATURE_IDS,
  ...FEATURE_IDS.map((feature) => `no-${feature}` as const),
] as const;
export type FeatureToggle = (typeof FEATURE_TOGGLES)[number];
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];
