import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { generatedProject, staticVariants } from './project.js';
import type { GeneratedProject } from './project.js';
import { rulesFor } from './ecosystem-rules.js';
import { actionlint, renovateConfigValidator } from './tools.js';

/** Contract §2.12: update bot (C90), frozen lockfile (C91), pinned CI (C92). */

interface Workflow {
  jobs?: Record<string, { uses?: string; steps?: { uses?: string; run?: string }[] }>;
}

interface RenovateConfig {
  extends?: string[];
  minimumReleaseAge?: string;
  lockFileMaintenance?: { enabled?: boolean };
  packageRules?: { groupName?: string; matchPackageNames?: string[] }[];
}

const FULL_SHA = /^[^@\s]+@[0-9a-f]{40}$/;

// One generated project per target and feature set; every check below runs against each.
describe.each(staticVariants())('%s', (_label, variant) => {
  const { target } = variant;
  let project: GeneratedProject;
  let workflowFiles: string[];
  let workflows: Map<string, Workflow>;

  beforeAll(async () => {
    project = await generatedProject(variant);
    const dir = join(project.dir, '.github', 'workflows');
    workflowFiles = (await readdir(dir))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => join(dir, name));
    workflows = new Map();
    for (const file of workflowFiles) {
      workflows.set(file, parse(await readFile(file, 'utf8')) as Workflow);
    }
  }, 120_000);

  afterAll(() => project.cleanup());

  describe('C90 update bot', () => {
    let config: RenovateConfig;

    beforeAll(async () => {
      config = JSON.parse(
        await readFile(join(project.dir, 'renovate.json'), 'utf8'),
      ) as RenovateConfig;
    });

    it('extends config:best-practices with a 3-day release age and lock file maintenance', () => {
      expect(config.extends).toContain('config:best-practices');
      expect(config.minimumReleaseAge).toBe('3 days');
      expect(config.lockFileMaintenance?.enabled).toBe(true);
    });

    it('groups the OpenTelemetry packages into one update', () => {
      const otel = (config.packageRules ?? []).filter((rule) =>
        (rule.matchPackageNames ?? []).some((pattern) =>
          pattern.startsWith(rulesFor(target).otelPackagePrefix),
        ),
      );
      expect(otel).toHaveLength(1);
      expect(otel[0]?.groupName).toMatch(/\S/);
    });

    it('passes renovate-config-validator --strict as a repository config', async () => {
      const [command, ...args] = renovateConfigValidator();
      const result = await execa(command, [...args, '--strict', '--no-global', 'renovate.json'], {
        cwd: project.dir,
        reject: false,
        timeout: 120_000,
      });
      expect({ exitCode: result.exitCode, output: result.stdout.slice(-2000) }).toEqual({
        exitCode: 0,
        output: expect.stringContaining('Config validated successfully'),
      });
    }, 130_000);
  });

  describe('C91 frozen lockfile', () => {
    it('ships its lockfile', () => {
      expect(existsSync(join(project.dir, rulesFor(target).lockfile))).toBe(true);
      // A build file that doubles as the lock (pom.xml) names exact versions only.
      expect(rulesFor(target).inexactVersions?.(project.dir) ?? []).toEqual([]);
    });

    it('CI installs frozen and runs every verification command of the catalog', () => {
      const runs = [...workflows.values()].flatMap((workflow) =>
        Object.values(workflow.jobs ?? {}).flatMap((job) =>
          (job.steps ?? []).map((step) => step.run?.trim()),
        ),
      );
      const { install, typecheck, lint, test, build } = target.commands;
      for (const command of [install, typecheck, lint, test, build].filter(
        (c) => c !== undefined,
      )) {
        expect(runs).toContain(command.join(' '));
      }
      const frozen = rulesFor(target).frozenInstall;
      expect(install.slice(0, frozen.length)).toEqual([...frozen]);
    });
  });

  describe('C92 pinned CI', () => {
    it('pins every action and reusable workflow to a full commit SHA', () => {
      const uses = [...workflows.values()].flatMap((workflow) =>
        Object.values(workflow.jobs ?? {}).flatMap((job) => [
          ...(job.uses ? [job.uses] : []),
          ...(job.steps ?? []).flatMap((step) => (step.uses ? [step.uses] : [])),
        ]),
      );
      expect(uses.length).toBeGreaterThan(0);
      for (const reference of uses.filter((use) => !use.startsWith('./'))) {
        expect(reference).toMatch(FULL_SHA);
      }
    });

    it('workflows pass actionlint', async () => {
      const [command, ...args] = actionlint();
      const result = await execa(command, [...args, '-no-color', ...workflowFiles], {
        cwd: project.dir,
        reject: false,
        timeout: 60_000,
      });
      expect({ exitCode: result.exitCode, output: result.stdout }).toEqual({
        exitCode: 0,
        output: '',
      });
    });
  });
});
