import { PROFILE_SCHEMA_VERSION } from './schema.js';

/**
 * Upgrades answers written by older versions of this tool, one version step at a time, so that a
 * manifest or answers file written today stays readable by every later release.
 * Each step receives the raw object of version N and returns version N+1.
 */
const STEPS: Readonly<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>> = {
  // 1 → 2 goes here when the schema first changes.
};

export class NewerSchemaError extends Error {}

export function migrateAnswers(raw: Record<string, unknown>): Record<string, unknown> {
  let version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : PROFILE_SCHEMA_VERSION;
  if (version > PROFILE_SCHEMA_VERSION) {
    throw new NewerSchemaError(
      `answers use schemaVersion ${version}, newer than this CLI understands (${PROFILE_SCHEMA_VERSION}); upgrade create-scalable-backend`,
    );
  }
  let current = raw;
  while (version < PROFILE_SCHEMA_VERSION) {
    const step = STEPS[version];
    if (!step) throw new Error(`no migration from profile schemaVersion ${version}`);
    current = step(current);
    version += 1;
  }
  return { ...current, schemaVersion: PROFILE_SCHEMA_VERSION };
}
