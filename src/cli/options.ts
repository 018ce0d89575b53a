import { Command, Option } from 'commander';
import { PROFILE_FIELDS, type ProfileField } from '../profile/fields.js';
import { PACKAGE_MANAGERS } from '../profile/ids.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function profileOption(field: ProfileField): Option[] {
  const help = `${field.message}: ${field.help}`;
  switch (field.kind) {
    case 'bool':
      return [
        new Option(`--${field.flag}`, help),
        new Option(`--no-${field.flag}`, `not ${field.flag}`),
      ];
    case 'enum':
      return [new Option(`--${field.flag} <value>`, help).choices(field.choices ?? [])];
    case 'skills':
    case 'list':
      return [new Option(`--${field.flag} <value>`, help).argParser(collect)];
    default:
      return [new Option(`--${field.flag} <value>`, help)];
  }
}

/** Adds one flag per profile answer (the fields table) plus `--answers` and `--yes`. */
export function addProfileOptions(command: Command): Command {
  for (const field of PROFILE_FIELDS)
    for (const option of profileOption(field)) command.addOption(option);
  return command
    .option('--answers <file>', 'read answers from a JSON or YAML file (any subset)')
    .option(
      '-y, --yes',
      'accept defaults and the recommendation for everything not given; never prompt',
    );
}

export const PRESET_OPTION_HELP =
  "a team preset: a .json/.yaml file, a package folder or .tgz, or an npm package name (pins answers, restricts frameworks, adds the team's files)";

/** Options of project creation that are not part of the profile. */
export function addCreateOptions(command: Command): Command {
  return command
    .option('--preset <preset>', PRESET_OPTION_HELP)
    .option('--directory <path>', 'where to create the project (default: ./<project-name>)')
    .option('--dry-run', 'print the files and commands, write and run nothing')
    .option('--no-install', 'skip installing dependencies')
    .option('--no-git', 'skip git init and the initial commit')
    .addOption(
      new Option(
        '--package-manager <pm>',
        'package manager (default: the one running this command)',
      ).choices(PACKAGE_MANAGERS),
    )
    .option(
      '--force',
      "write into a non-empty directory: overwrite only the template's own paths (backed up), never delete",
    )
    .addOption(
      new Option(
        '--conformance-fixtures',
        'add /__conformance/* test routes (test suites only)',
      ).hideHelp(),
    );
}
