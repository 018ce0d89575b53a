import { checkbox, confirm, input, number, select } from '@inquirer/prompts';
import { DEFAULT_PROFILE } from '../profile/defaults.js';
import type { FieldGroup, ProfileField } from '../profile/fields.js';
import { PROFILE_FIELDS } from '../profile/fields.js';
import { LANGUAGE_IDS, SKILL_LEVELS } from '../profile/ids.js';
import { getPath, setPath } from '../profile/paths.js';
import { projectNameProblems } from '../profile/project-name.js';
import { flattenAnswers } from '../profile/resolve.js';
import type { PartialProfile } from '../profile/schema.js';

const GROUP_TITLES: Record<FieldGroup, string> = {
  project: 'Project',
  workload: 'Workload profile',
  team: 'Team',
  deployment: 'Deployment',
};

export async function askProjectName(defaultName = 'my-api'): Promise<string> {
  return input({
    message: 'Project name (npm package and service name)',
    default: defaultName,
    validate: (value) => projectNameProblems(value)[0] ?? true,
  });
}

async function askSkills(field: ProfileField): Promise<Record<string, string>> {
  const languages = await checkbox({
    message: field.message,
    choices: LANGUAGE_IDS.map((id) => ({ value: id, checked: id === 'typescript' })),
    required: true,
  });
  const skills: Record<string, string> = {};
  for (const language of languages) {
    skills[language] = await select({
      message: `How well does the team know ${language}?`,
      choices: SKILL_LEVELS.filter((l) => l !== 'none').map((l) => ({ value: l })),
      default: 'proficient',
    });
  }
  return skills;
}

async function askField(field: ProfileField, fallback: unknown): Promise<unknown> {
  const message = `${field.message}`;
  switch (field.kind) {
    case 'enum':
      return select({
        message,
        choices: (field.choices ?? []).map((c) => ({ value: c })),
        default: fallback as string | undefined,
      });
    case 'int':
      return number({ message, default: fallback as number | undefined, min: 0, required: true });
    case 'bool':
      return confirm({ message, default: Boolean(fallback) });
    case 'text':
      return input({ message, default: (fallback as string | undefined) ?? '' });
    case 'skills':
      return askSkills(field);
    case 'list':
      return checkbox({ message, choices: (field.choices ?? []).map((c) => ({ value: c })) });
  }
}

/**
 * Asks, group by group, every question whose answer is still missing, with the defaults as
 * suggestions. Ctrl-C makes inquirer throw ExitPromptError, which the CLI maps to exit 130
 * before anything is written.
 */
export async function askMissing(
  given: PartialProfile,
  fields: readonly ProfileField[] = PROFILE_FIELDS.filter(
    (f) => f.required || f.askWhen !== undefined || f.path === 'description',
  ),
  /** Offered as each question's default instead of ours (a preset's `defaults`). */
  defaults: PartialProfile = {},
): Promise<PartialProfile> {
  const answers = structuredClone(given) as Record<string, unknown>;
  let group: FieldGroup | undefined;
  for (const field of fields) {
    const flat = flattenAnswers(answers);
    if (flat[field.path] !== undefined) continue;
    if (field.askWhen && !field.askWhen(flat)) continue;
    if (field.group !== group) {
      group = field.group;
      process.stdout.write(`\n${GROUP_TITLES[group]}\n`);
    }
    const fallback = getPath(defaults, field.path) ?? getPath(DEFAULT_PROFILE, field.path);
    setPath(answers, field.path, await askField(field, fallback));
  }
  return answers as PartialProfile;
}
