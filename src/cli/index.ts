#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { GENERATOR_VERSION } from '../package-info.js';
import { GENERATOR_NAMES } from '../../generators/index.js';
import { DEFAULT_JOB_INTERVAL } from '../add/generator-options.js';
import { runAdd, type AddOptions } from './commands/add.js';
import { runCheck, type CheckOptions } from './commands/check.js';
import { runAdopt, type AdoptOptions } from './commands/adopt.js';
import { runNew, type NewOptions } from './commands/new.js';
import { runUpdate, type UpdateOptions } from './commands/update.js';
import { runRecommend, type RecommendOptions } from './commands/recommend.js';
import { CliError } from './errors.js';
import { EXIT, EXIT_CODE_HELP } from './exit-codes.js';
import { fail } from './output.js';
import { addCreateOptions, addProfileOptions, PRESET_OPTION_HELP } from './options.js';

/** Dash look-alikes (en dash, em dash, minus) that shells pass through when text is pasted from docs. */
const LOOKALIKE_DASH = /^[\u2010-\u2015\u2212]/;

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command()
    .name('create-scalable-backend')
    .description(
      'Recommends a backend framework from your workload, team and deployment target, and scaffolds a production-grade modular monolith on it.',
    )
    .version(GENERATOR_VERSION)
    .argument('[project-name]', 'npm package and service name; "." for the current directory')
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .showHelpAfterError('(run with --help for usage)')
    // Options after a subcommand belong to it (`recommend --yes`), not to project creation.
    .enablePositionalOptions()
    .exitOverride();
  addCreateOptions(addProfileOptions(program)).action(
    async (name: string | undefined, options: NewOptions) => setExit(await runNew(name, options)),
  );

  const recommendCommand = program
    .command('recommend')
    .description(
      'print the ranked, explained framework recommendation; inside a project, re-check its choice',
    )
    .option('--json', 'machine-readable output')
    .option('--directory <path>', 'project to re-check (default: current directory)')
    .option('--preset <preset>', PRESET_OPTION_HELP)
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .exitOverride();
  addProfileOptions(recommendCommand).action(async (options: RecommendOptions) =>
    setExit(await runRecommend(options)),
  );

  program
    .command('add')
    .description(
      'add code to a generated project: a module (table, migration, routes, service, test), or a route, event or job in a module',
    )
    .argument('<generator>', `what to add: ${GENERATOR_NAMES.join(', ')}`)
    .argument('<name>', 'lower-case name, e.g. orders or order-items')
    .option('--module <name>', 'route, event, job: the module to add it to')
    .option('--method <method>', 'route: post (default) or get')
    .option(
      '--every <interval>',
      `job: how often it runs, like 30s, 5m or 1h (default ${DEFAULT_JOB_INTERVAL})`,
    )
    .option('--directory <path>', 'the generated project (default: current directory)')
    .option(
      '--preset <preset>',
      "the team preset whose add templates to use (default: the project's)",
    )
    .option('--dry-run', 'list the files that would change; write nothing')
    .option('--allow-dirty', 'allow modifying files that have uncommitted changes')
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .exitOverride()
    .action(async (generator: string, name: string, options: AddOptions) =>
      setExit(await runAdd(generator, name, options)),
    );

  const adoptCommand = program
    .command('adopt')
    .description(
      'make `add` work in an existing repository we did not generate: detect its framework, ask the profile, write only the manifest',
    )
    .option('--directory <path>', 'the repository to adopt (default: current directory)')
    .option('--dry-run', 'print the manifest that would be written; write nothing')
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .exitOverride();
  addProfileOptions(adoptCommand).action(async (options: AdoptOptions) =>
    setExit(await runAdopt(options)),
  );

  program
    .command('update')
    .description(
      're-render a generated project with this version and 3-way merge it into your branch (needs a clean git tree)',
    )
    .option('--directory <path>', 'the generated project (default: current directory)')
    .option('--dry-run', 'print the template diff that would be merged; change nothing')
    .option(
      '--preset <preset>',
      `the preset's newer version to apply (default: where the manifest says it came from); ${PRESET_OPTION_HELP}`,
    )
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .exitOverride()
    .action(async (options: UpdateOptions) => setExit(await runUpdate(options)));

  program
    .command('check')
    .description(
      'fail (exit 4) while update conflicts are unresolved: conflict markers, unmerged or .rej files',
    )
    .option('--directory <path>', 'the project (default: current directory)')
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n`)
    .exitOverride()
    .action(async (options: CheckOptions) => setExit(await runCheck(options)));
  return program;
}

/** Maps every way of failing to a stable exit code; see EXIT. */
export async function main(argv: readonly string[]): Promise<number> {
  const lookalike = argv.slice(2).find((a) => LOOKALIKE_DASH.test(a));
  if (lookalike) {
    fail(`unknown option '${lookalike}' (it starts with a typographic dash; type it as "--")`);
    return EXIT.badInput;
  }
  let exitCode: number = EXIT.ok;
  try {
    await buildProgram((code) => (exitCode = code)).parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exitCode 0; usage errors become "bad input".
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (error instanceof CliError) {
      fail(error.message);
      return error.exitCode;
    }
    if (error instanceof Error && error.name === 'ExitPromptError') {
      fail('cancelled; nothing was written');
      return EXIT.sigint;
    }
    fail(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    fail(
      'please report it at https://github.com/create-scalable-backend/create-scalable-backend/issues',
    );
    return EXIT.internal;
  }
}

process.exitCode = await main(process.argv);
