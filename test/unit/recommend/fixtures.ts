import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile } from '../../../src/profile/schema.js';
import { profileSchema } from '../../../src/profile/schema.js';

/** A scenario from the articles: a full profile and what the recommendation must say about it. */
export interface ScenarioFixture {
  name: string;
  description: string;
  profile: Profile;
  expect: { top: string[]; reason: string };
}

export const PROFILES_DIR = join(process.cwd(), 'test/fixtures/profiles');

/** Every fixture in test/fixtures/profiles, validated by the real profile schema, in name order. */
export function loadScenarios(): ScenarioFixture[] {
  return readdirSync(PROFILES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(PROFILES_DIR, file), 'utf8')) as {
        description: string;
        profile: unknown;
        expect: { top: string[]; reason: string };
      };
      return {
        name: file.replace(/\.json$/, ''),
        description: raw.description,
        profile: profileSchema.parse(raw.profile),
        expect: raw.expect,
      };
    });
}

export function scenario(name: string): ScenarioFixture {
  const found = loadScenarios().find((s) => s.name === name);
  if (!found) throw new Error(`no scenario fixture named ${name}`);
  return found;
}
