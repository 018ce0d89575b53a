import { findGaps, formatGaps } from '../../../src/adopt/compatibility.js';
import { requirementsFor } from '../../../src/adopt/requirements.js';
import { adoptedProjectName } from '../../../src/adopt/project-name.js';

const MODULES_TS = [
  "import type { AppModule } from './platform/app-module.ts';",
  '// csb:slot:module-imports (`create-scalable-backend add module` inserts above this line)',
  'export const appModules: readonly AppModule[] = [',
  '  // csb:slot:modules (`create-scalable-backend add module` inserts above this line)',
  '];',
  '',
].join('\n');

const COMPLETE: Record<string, string> = {
  'src/modules.ts': MODULES_TS,
  'src/platform/app-module.ts': '',
  'src/platform/errors.ts': '',
  'src/platform/database/database.ts': '',
  'test/support/test-app.ts': '',
  'test/support/test-database.ts': '',
};

const reader = (files: Record<string, string>) => async (file: string) => files[file];
const gapsOf = (files: Record<string, string>) =>
  findGaps(requirementsFor('fastify'), reader(files));

describe('findGaps', () => {
  it('a project shaped like a generated one has none', async () => {
    expect(await gapsOf(COMPLETE)).toEqual([]);
    expect(formatGaps([], 'fastify')).toEqual([
      'Ready for add: every file and marker comment it relies on is there.',
    ]);
  });

  it('a missing marker is named, with what add will do', async () => {
    const files = {
      ...COMPLETE,
      'src/modules.ts': MODULES_TS.replace(/^\s*\/\/ csb:slot:modules.*$/m, ''),
    };
    const gaps = await gapsOf(files);
    expect(gaps.map((g) => g.missing)).toEqual([
      'src/modules.ts has no "// csb:slot:modules" comment',
    ]);
    expect(gaps[0]!.consequence).toMatch(/add module will stop with exit 2/);
  });

  it('a missing registry file is reported once, with both markers', async () => {
    const { 'src/modules.ts': _, ...files } = COMPLETE;
    expect((await gapsOf(files)).map((g) => g.missing)).toEqual([
      'src/modules.ts is missing (with its "// csb:slot:module-imports" and "// csb:slot:modules" comments)',
    ]);
  });

  it('an empty repository misses everything, and the report explains each kind once', async () => {
    const gaps = await gapsOf({});
    expect(gaps.map((g) => g.missing)).toEqual([
      'src/modules.ts is missing (with its "// csb:slot:module-imports" and "// csb:slot:modules" comments)',
      'src/platform/app-module.ts is missing',
      'src/platform/errors.ts is missing',
      'src/platform/database/database.ts is missing',
      'test/support/test-app.ts is missing',
      'test/support/test-database.ts is missing',
    ]);
    const report = formatGaps(gaps, 'fastify');
    expect(report[0]).toMatch(/^Not ready for add yet/);
    expect(report.filter((l) => l.startsWith('  - '))).toHaveLength(gaps.length);
  });

  it('two missing markers in an existing file share one explanation', async () => {
    const gaps = await gapsOf({ ...COMPLETE, 'src/modules.ts': 'export const appModules = [];\n' });
    expect(gaps).toHaveLength(2);
    const report = formatGaps(gaps, 'fastify');
    expect(report.filter((l) => /add module will stop/.test(l))).toHaveLength(1);
  });
});

describe('adoptedProjectName', () => {
  it.each([
    ['shop-api', '/x/repo', 'shop-api'],
    ['@acme/shop-api', '/x/repo', 'shop-api'],
    ['Not Valid', '/x/orders-service', 'orders-service'],
    [undefined, '/x/Billing', 'billing'],
    [42, '/x/has space', 'my-api'],
  ])('%p in %s → %s', (packageName, dir, expected) => {
    expect(adoptedProjectName(packageName, dir)).toBe(expected);
  });
});
