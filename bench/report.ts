import type { LoadResult } from './load-runner.js';
import type { ScaffoldRow } from './scaffolding.js';
import {
  INSTALL_SIZE_BASELINE,
  LIVENESS_PATH,
  LOAD,
  OBSERVABILITY_STEPS,
  SCAFFOLD_RUNS,
} from './scenarios.js';
import type { ServerResult, ServerScenarios } from './servers.js';
import { formatCount, formatMiB, formatMs, formatRatio, ratio } from './stats.js';

export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  machine: string;
  node: string;
  /** 1-minute load average before and after: other work on a shared machine shows up here. */
  loadAverage: { before: number; after: number };
  scaffolding?: ScaffoldRow[];
  servers?: ServerScenarios;
}

/** A server's row for one route, with the baselines it is compared against. */
export interface ServerRouteRow {
  server: ServerResult;
  load: LoadResult;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

function scaffoldingSection(rows: readonly ScaffoldRow[]): string[] {
  const floor = rows.find((row) => row.kind === 'floor')?.timing?.median;
  const sizeBaseline = rows.find((row) => row.id === INSTALL_SIZE_BASELINE)?.install;
  const body = rows.map((row) => [
    row.kind === 'ours' ? `**${row.label}**` : row.label,
    row.version ?? '',
    formatMs(row.timing?.median),
    row.timing
      ? `${formatMs(row.timing.min)} – ${formatMs(row.timing.max)}`
      : row.error
        ? 'failed'
        : '',
    formatRatio(ratio(row.timing?.median, floor)),
    row.install ? formatMiB(row.install.bytes) : '',
    row.install ? formatCount(row.install.packages) : '',
    row.install ? formatRatio(ratio(row.install.bytes, sizeBaseline?.bytes)) : '',
  ]);
  const failures = rows
    .filter((row) => row.error !== undefined)
    .map((row) => `- ${row.label} failed: ${row.error}`);
  const notes = rows
    .filter((row) => row.note !== undefined)
    .map((row) => `- ${row.label}: ${row.note}`);
  return [
    '## 1. Scaffolding',
    '',
    `Whole process, stdin closed, no install, no git; median of ${SCAFFOLD_RUNS} runs after a warm-up run, tools run round-robin. ` +
      `Install size: \`npm install\` of the package into an empty folder (for this CLI: its \`npm pack\` tarball), what \`npx\` downloads on first use.`,
    '',
    table(
      [
        'Tool',
        'Version',
        'Median',
        'Min – max',
        "× node -e ''",
        'Install size',
        'Packages',
        `Size × ${INSTALL_SIZE_BASELINE}`,
      ],
      body,
    ),
    '',
    ...notes,
    ...failures,
  ];
}

function routeRows(results: readonly ServerResult[]): ServerRouteRow[] {
  return results.flatMap((server) => server.loads.map((load) => ({ server, load })));
}

export function loadOn(server: ServerResult | undefined, urlPath: string): LoadResult | undefined {
  return server?.loads.find((load) => load.path === urlPath);
}

function firstLoad(
  results: readonly ServerResult[],
  id: string,
): { server?: ServerResult; load?: LoadResult } {
  const server = results.find((result) => result.id === id);
  return { ...(server ? { server } : {}), ...(server?.loads[0] ? { load: server.loads[0] } : {}) };
}

function non2xxCell(load: LoadResult): string {
  if (load.non2xx === 0 && load.errors === 0) return '0';
  const codes = Object.entries(load.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, count]) => `${code}×${count}`);
  return [...codes, ...(load.errors > 0 ? [`errors×${load.errors}`] : [])].join(' ');
}

/** "0.82 of plain Fastify, 0.71 of node:http" lines for each starter and route. */
export function starterSummaries(servers: ServerScenarios): string[] {
  const nodeHttp = firstLoad(servers.baselines, 'node-http').load;
  const plainFastify = firstLoad(servers.baselines, 'plain-fastify').load;
  return routeRows(servers.starters).map(({ server, load }) => {
    const against = [
      plainFastify ? `${ratio(load.rps, plainFastify.rps).toFixed(2)} of plain Fastify` : undefined,
      nodeHttp ? `${ratio(load.rps, nodeHttp.rps).toFixed(2)} of node:http` : undefined,
    ].filter(Boolean);
    const cpu = plainFastify
      ? `; server CPU per request ${formatRatio(ratio(load.cpuMicrosPerRequest, plainFastify.cpuMicrosPerRequest))} plain Fastify's`
      : '';
    return `${server.label.replace(' (production defaults)', '')} on \`${load.path}\`: ${formatCount(load.rps)} req/s, at ${against.join(', ')}${cpu}`;
  });
}

function serversSection(servers: ServerScenarios): string[] {
  const nodeHttp = firstLoad(servers.baselines, 'node-http');
  const plainFastify = firstLoad(servers.baselines, 'plain-fastify').load;
  const rows = routeRows([...servers.baselines, ...servers.starters]).map(({ server, load }) => [
    server.label,
    `\`${load.path}\``,
    `${formatCount(load.rps)} (${formatCount(load.rpsRange[0])}–${formatCount(load.rpsRange[1])})`,
    formatRatio(ratio(load.rps, nodeHttp.load?.rps)),
    formatRatio(ratio(load.rps, plainFastify?.rps)),
    formatMs(load.p50Ms),
    formatMs(load.p99Ms),
    non2xxCell(load),
    `${formatCount(load.cpuMicrosPerRequest)} (${formatRatio(ratio(load.cpuMicrosPerRequest, nodeHttp.load?.cpuMicrosPerRequest))})`,
    `${Math.round(load.serverCpuPercent)} %`,
    `${formatMs(server.startupMs)} (${formatRatio(ratio(server.startupMs, nodeHttp.server?.startupMs))})`,
    `${formatMiB(server.idleRssBytes)} (${formatRatio(ratio(server.idleRssBytes, nodeHttp.server?.idleRssBytes))})`,
    `${formatMiB(load.loadedRssBytes)} (${formatRatio(ratio(load.loadedRssBytes, nodeHttp.load?.loadedRssBytes))})`,
  ]);
  const failures = [...servers.baselines, ...servers.starters]
    .filter((server) => server.error !== undefined)
    .map((server) => `- ${server.label} failed: ${server.error}`);
  const evidence = servers.starters.map(
    (server) => `- ${server.label}: ${server.notes.join('; ')}`,
  );
  return [
    '## 2. Generated servers',
    '',
    `Production start command and environment (Dockerfile ENV + k8s base and prod ConfigMaps), PostgreSQL 15 in a temp dir, ` +
      `autocannon with ${LOAD.connections} connections; every server stays up and the ${LOAD.rounds} rounds (${LOAD.warmupSeconds} s warm-up + ` +
      `${LOAD.durationSeconds} s measured per route) go round-robin over all of them; figures are medians over rounds. ` +
      `${servers.cpus.description}. Ratios: × node:http and × plain Fastify on their \`/livez\`. ` +
      'CPU µs/req is server CPU time per 2xx response, the cost of a request whatever limited throughput; server CPU below ~95 % means ' +
      'something else (load generator, database, other processes) was the limit. Startup is spawn to first 200; RSS from /proc (loaded = peak while measured).',
    '',
    ...starterSummaries(servers).map((line) => `**${line}**`),
    '',
    table(
      [
        'Server',
        'Route',
        'req/s (rounds min–max)',
        '× node:http',
        '× plain Fastify',
        'p50',
        'p99',
        'non-2xx',
        'CPU µs/req (× node:http)',
        'Server CPU',
        'Startup (×)',
        'Idle RSS (×)',
        'Loaded RSS (×)',
      ],
      rows,
    ),
    '',
    ...evidence,
    ...servers.projectNotes.map((note) => `- ${note}`),
    ...failures,
  ];
}

export interface StepCost {
  id: string;
  label: string;
  addsTo: string;
  /** Server CPU time per request added to the reference step: the robust figure on a busy machine. */
  cpuMicrosAdded: number;
  /** Share of the reference step's throughput lost by adding this step. */
  throughputCost: number;
  p99AddedMs: number;
}

/** Each step against the step it adds to (see OBSERVABILITY_STEPS). */
export function observabilityCosts(steps: readonly ServerResult[], route: string): StepCost[] {
  const byId = new Map(
    steps.map((step) => [step.id.replace(/^observability-/, ''), loadOn(step, route)]),
  );
  return OBSERVABILITY_STEPS.flatMap((step) => {
    const load = byId.get(step.id);
    const reference = step.addsTo === undefined ? undefined : byId.get(step.addsTo);
    if (load === undefined || reference === undefined || step.addsTo === undefined) return [];
    return [
      {
        id: step.id,
        label: step.label,
        addsTo: step.addsTo,
        cpuMicrosAdded: load.cpuMicrosPerRequest - reference.cpuMicrosPerRequest,
        throughputCost: 1 - load.rps / reference.rps,
        p99AddedMs: load.p99Ms - reference.p99Ms,
      },
    ];
  });
}

/** Where a probe's cost comes from: Fastify itself, the starter's hooks, the SDK's instrumentation. */
function probeSplit(servers: ServerScenarios): string[] {
  const plainFastify = loadOn(
    servers.baselines.find((s) => s.id === 'plain-fastify'),
    LIVENESS_PATH,
  );
  const hooksOnly = loadOn(servers.observability[0], LIVENESS_PATH);
  const defaults = loadOn(
    servers.starters.find((s) => s.id === 'starter-fastify'),
    LIVENESS_PATH,
  );
  if (plainFastify === undefined || hooksOnly === undefined || defaults === undefined) return [];
  const cpu = (load: LoadResult) => `${formatCount(load.cpuMicrosPerRequest)} µs`;
  return [
    '',
    `Server CPU per \`${LIVENESS_PATH}\` request (probes skip access logs and spans): plain Fastify ${cpu(plainFastify)}, ` +
      `starter with SDK and access log off ${cpu(hooksOnly)} (the platform's hooks and plugins), ` +
      `starter with production defaults ${cpu(defaults)} (plus the SDK's HTTP instrumentation, which binds the context to request and response even for requests it ignores).`,
    '',
  ];
}

/** Steps on the chain from plain to the last step (the production defaults), following addsTo. */
export function productionPathCosts(costs: readonly StepCost[]): StepCost[] {
  const path: StepCost[] = [];
  let id = OBSERVABILITY_STEPS.at(-1)?.id;
  while (id !== undefined) {
    const cost = costs.find((c) => c.id === id);
    if (cost !== undefined) path.unshift(cost);
    id = OBSERVABILITY_STEPS.find((step) => step.id === id)?.addsTo;
  }
  return path;
}

function observabilitySection(servers: ServerScenarios): string[] {
  const steps = servers.observability;
  const route = servers.moduleRoutes.fastify ?? '';
  const plain = loadOn(steps[0], route);
  const costs = new Map(observabilityCosts(steps, route).map((cost) => [cost.id, cost]));
  const rows = steps.map((step) => {
    const load = loadOn(step, route);
    const cost = costs.get(step.id.replace(/^observability-/, ''));
    if (load === undefined) return [step.label, 'failed', '', '', '', '', '', '', '', '', ''];
    return [
      step.label,
      formatCount(load.rps),
      formatRatio(ratio(load.rps, plain?.rps)),
      formatCount(load.cpuMicrosPerRequest),
      cost
        ? `${cost.cpuMicrosAdded >= 0 ? '+' : ''}${formatCount(cost.cpuMicrosAdded)} vs ${cost.addsTo}`
        : '',
      cost ? `${(cost.throughputCost * 100).toFixed(1)} %` : '',
      formatMs(load.p50Ms),
      formatMs(load.p99Ms),
      non2xxCell(load),
      formatMiB(load.loadedRssBytes),
      step.notes.join('; '),
    ];
  });
  const biggest = productionPathCosts([...costs.values()]).sort(
    (a, b) => b.cpuMicrosAdded - a.cpuMicrosAdded,
  )[0];
  const failures = steps
    .filter((step) => step.error !== undefined)
    .map((step) => `- ${step.label} failed: ${step.error}`);
  return [
    '## 3. Observability cost breakdown (Fastify starter)',
    '',
    `\`GET ${route}\` (probes are exempt from logs and traces, so the module route is where the defaults cost). ` +
      'Each step only changes environment variables the project reads (OTEL_SDK_DISABLED, LOG_LEVEL, OTEL_TRACES_SAMPLER[_ARG], ' +
      'OTEL_METRICS_EXPORTER); spans go to a local OTLP sink that discards them. Each step is compared with the step it adds to: ' +
      'added server CPU per request (robust on a shared machine) and throughput lost.',
    '',
    table(
      [
        'Step',
        'req/s',
        '× plain',
        'CPU µs/req',
        'Added CPU µs/req',
        'Throughput lost',
        'p50',
        'p99',
        'non-2xx',
        'Loaded RSS',
        'Evidence',
      ],
      rows,
    ),
    '',
    ...probeSplit(servers),
    ...(biggest
      ? [
          `Biggest cost among the production defaults: **${biggest.label}**, +${formatCount(biggest.cpuMicrosAdded)} µs of server CPU per request ` +
            `(${(biggest.throughputCost * 100).toFixed(1)} % of throughput, p99 ${biggest.p99AddedMs >= 0 ? '+' : ''}${biggest.p99AddedMs.toFixed(1)} ms).`,
        ]
      : []),
    ...failures,
  ];
}

export function markdownReport(results: BenchResults): string {
  const lines = [
    '# Benchmark report',
    '',
    `${results.startedAt}, ${results.durationSeconds.toFixed(0)} s. ${results.machine}. Node ${results.node}. ` +
      `1-minute load average ${results.loadAverage.before.toFixed(1)} before, ${results.loadAverage.after.toFixed(1)} after. ` +
      'Absolute numbers move with the machine and whatever else runs on it; compare the ratios, measured against baselines in the same run.',
    '',
    ...(results.scaffolding ? [...scaffoldingSection(results.scaffolding), ''] : []),
    ...(results.servers ? [...serversSection(results.servers), ''] : []),
    ...(results.servers && results.servers.observability.length > 0
      ? [...observabilitySection(results.servers), '']
      : []),
    '![chart](chart.svg)',
    '',
  ];
  return lines.join('\n');
}
