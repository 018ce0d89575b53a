import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { GENERATOR_VERSION } from '../../package-info.js';
import { git, insideGitWorkTree, PRISTINE_BRANCH } from '../../post/git.js';
import { mergePristine } from '../../update/merge.js';
import { commitPristine, scratchObjectsEnv } from '../../update/pristine.js';
import { renderFromManifest } from '../../update/render-from-manifest.js';
import { reportStanding } from '../../update/standing-report.js';
import { badInput } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { say } from '../output.js';
import { generatedProject } from './add.js';

export interface UpdateOptions {
  directory?: string;
  dryRun?: boolean;
  preset?: string;
}

export async function runUpdate(options: UpdateOptions): Promise<number> {
  const projectDir = resolve(options.directory ?? process.cwd());
  if (!(await insideGitWorkTree(projectDir))) {
    throw badInput(
      `${projectDir} is not a git repository; update merges through git, so commit the project to git first`,
    );
  }
  const manifest = await generatedProject(projectDir);
  const dirty = await git(projectDir, ['status', '--porcelain']);
  if (dirty !== '') {
    throw badInput(
      `the working tree has uncommitted changes; commit or stash them first:\n${dirty}`,
    );
  }
  const hasPristine = await execa(
    'git',
    ['rev-parse', '--verify', '--quiet', `refs/heads/${PRISTINE_BRANCH}`],
    {
      cwd: projectDir,
      reject: false,
    },
  );
  if (hasPristine.exitCode !== 0) {
    throw badInput(
      `branch ${PRISTINE_BRANCH} (the render this project started from) is missing; update needs it as the merge base (a repository set up with "adopt" never had one, so update is not available there)`,
    );
  }

  const { tree, preset } = await renderFromManifest(manifest, projectDir, options.preset);
  if (preset)
    say(
      `Preset: ${preset.preset.name}@${preset.preset.version} (was ${manifest.preset?.version ?? 'none'}).`,
    );
  const scratch = await mkdtemp(join(tmpdir(), 'csb-update-'));
  try {
    const objectsEnv = options.dryRun ? await scratchObjectsEnv(projectDir, scratch) : {};
    const next = await commitPristine(projectDir, scratch, tree, objectsEnv);
    if (next === undefined) {
      say(
        `Already up to date: create-scalable-backend ${GENERATOR_VERSION} renders this project exactly as before.`,
      );
      reportStanding(manifest);
      return EXIT.ok;
    }
    if (options.dryRun) {
      say(
        `Dry run: nothing was changed. The template changes that update would merge into your branch:\n`,
      );
      const diff = (args: string[]) =>
        execa('git', ['diff', ...args, PRISTINE_BRANCH, next], {
          cwd: projectDir,
          env: objectsEnv,
        });
      say((await diff(['--stat'])).stdout);
      say('');
      say((await diff([])).stdout);
      reportStanding(manifest);
      return EXIT.ok;
    }
    reportStanding(manifest);
    return await mergePristine(projectDir, next);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
