/**
 * `npm run bench`: scaffolding speed against peer generators, generated-server cost against
 * the bare runtime and plain Fastify, and the observability cost breakdown. Writes
 * bench-results/{report.md,chart.svg,results.json} and prints the report.
 *
 *   npm run bench -- --only scaffolding,servers,observability   (default: all three)
 *   npm run bench -- --keep                                     (keep the temp work dir)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { svgChart } from './chart.js';
import { markdownReport, type BenchResults } from './report.js';
import { runScaffolding } from './scaffolding.js';
import { runServerScenarios } from './servers.js';

const SCENARIOS = ['scaffolding', 'servers', 'observability'] as const;
type Scenario = (typeof SCENARIOS)[number];

function findRepoRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name ===
        'create-scalable-backend'
    ) {
      return dir;
    }
  }
  throw new Error(`no create-scalable-backend package.json above ${from}`);
}

function selectedScenarios(only: string | undefined): Set<Scenario> {
  if (only === undefined) return new Set(SCENARIOS);
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(
      `unknown scenario(s) ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`,
    );
  return new Set(names as Scenario[]);
}

function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.availableParallelism()} × ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
}

const { values } = parseArgs({
  options: { only: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const scenarios = selectedScenarios(values.only);
const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
const outputDir = path.join(repoRoot, 'bench-results');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csb-bench-'));
const started = performance.now();
const log = (line: string) =>
  process.stderr.write(
    `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`,
  );

// Servers and PostgreSQL are registered with the harness's PID registry, which kills them on exit.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
process.once('exit', () => {
  if (!values.keep) fs.rmSync(workDir, { recursive: true, force: true });
});

const results: BenchResults = {
  startedAt: new Date().toISOString(),
  durationSeconds: 0,
  machine: machine(),
  node: process.version,
  loadAverage: { before: os.loadavg()[0]!, after: Number.NaN },
};
log(`work dir ${workDir}`);
if (scenarios.has('scaffolding'))
  results.scaffolding = await runScaffolding(repoRoot, workDir, log);
if (scenarios.has('servers') || scenarios.has('observability')) {
  results.servers = await runServerScenarios(repoRoot, workDir, log, {
    observability: scenarios.has('observability'),
  });
}
results.durationSeconds = (performance.now() - started) / 1000;
results.loadAverage.after = os.loadavg()[0]!;

fs.mkdirSync(outputDir, { recursive: true });
const report = markdownReport(results);
fs.writeFileSync(path.join(outputDir, 'report.md'), report);
fs.writeFileSync(path.join(outputDir, 'chart.svg'), svgChart(results));
fs.writeFileSync(path.join(outputDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${report}\n`);
log(
  `wrote ${path.relative(repoRoot, outputDir)}/report.md, chart.svg, results.json in ${results.durationSeconds.toFixed(0)} s`,
);
