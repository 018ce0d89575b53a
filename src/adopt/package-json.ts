import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { badInput } from '../cli/errors.js';

/** The repository's package.json, parsed; exit 2 when it is missing or not a JSON object. */
export async function readPackageJson(projectDir: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(join(projectDir, 'package.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw badInput(
        `no package.json in ${projectDir}; adopt detects the framework from its dependencies`,
      );
    }
    throw badInput(`cannot read ${join(projectDir, 'package.json')}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badInput(`package.json is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badInput('package.json is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}
