import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { badInput } from '../cli/errors.js';
import { formatIssues } from './issues.js';
import { migrateAnswers, NewerSchemaError } from './migrate.js';
import { partialProfileSchema, type PartialProfile } from './schema.js';

/** Parses an answers file's text: JSON by extension, YAML otherwise (YAML also reads JSON). */
export function parseAnswersText(text: string, fileName: string): unknown {
  try {
    return fileName.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw badInput(
      `Answers file ${fileName} is not valid ${fileName.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
}

/** Validates any subset of a profile, upgrading older schema versions first. */
export function validatePartialProfile(raw: unknown, source: string): PartialProfile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw badInput(`${source} must hold an object of answers`);
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateAnswers(raw as Record<string, unknown>);
  } catch (error) {
    if (error instanceof NewerSchemaError) throw badInput(`${source}: ${error.message}`);
    throw error;
  }
  const result = partialProfileSchema.safeParse(migrated);
  if (!result.success)
    throw badInput(`${source} has invalid answers:\n${formatIssues(result.error.issues)}`);
  return result.data;
}

export async function readAnswersFile(path: string): Promise<PartialProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw badInput(
      `Cannot read answers file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return validatePartialProfile(parseAnswersText(text, path), `Answers file ${path}`);
}
