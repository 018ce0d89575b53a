import { loadOn, type BenchResults } from './report.js';
import { formatCount, formatMs, formatRatio, ratio } from './stats.js';

/** One bar: `value` sets the length; `text` is printed after it. */
interface Bar {
  label: string;
  value: number;
  text: string;
  kind: 'ours' | 'baseline' | 'peer';
  /** Optional min–max whisker, same unit as value. */
  range?: [number, number];
}

interface Panel {
  title: string;
  bars: Bar[];
}

const WIDTH = 960;
const LABEL_WIDTH = 330;
const BAR_AREA = 420;
const BAR_HEIGHT = 18;
const ROW_HEIGHT = 26;
const TITLE_HEIGHT = 34;
const PANEL_GAP = 18;
const COLORS: Record<Bar['kind'], string> = {
  ours: '#2563eb',
  baseline: '#9ca3af',
  peer: '#f59e0b',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function scaffoldingPanel(results: BenchResults): Panel | undefined {
  const rows = results.scaffolding?.filter((row) => row.timing !== undefined);
  if (rows === undefined || rows.length === 0) return undefined;
  const floor = rows.find((row) => row.kind === 'floor')?.timing?.median;
  return {
    title: "1. Scaffolding: median wall time per run (shorter is better), × node -e ''",
    bars: rows.map((row) => ({
      label: row.label,
      value: row.timing!.median,
      range: [row.timing!.min, row.timing!.max],
      text: `${formatMs(row.timing!.median)}  ${formatRatio(ratio(row.timing!.median, floor))}`,
      kind: row.kind === 'ours' ? 'ours' : row.kind === 'floor' ? 'baseline' : 'peer',
    })),
  };
}

function serversPanel(results: BenchResults): Panel | undefined {
  const servers = results.servers;
  if (servers === undefined) return undefined;
  const nodeHttp = servers.baselines.find((s) => s.id === 'node-http')?.loads[0]?.rps;
  const bars: Bar[] = [...servers.baselines, ...servers.starters].flatMap((server) =>
    server.loads.map((load) => ({
      label: `${server.label} ${load.path}`,
      value: load.rps,
      text: `${formatCount(load.rps)} req/s  ${formatRatio(ratio(load.rps, nodeHttp))}`,
      kind: server.id.startsWith('starter-') ? ('ours' as const) : ('baseline' as const),
    })),
  );
  return bars.length === 0
    ? undefined
    : { title: '2. Generated servers: requests/s (longer is better), × node:http', bars };
}

function observabilityPanels(results: BenchResults): Panel[] {
  const route = results.servers?.moduleRoutes.fastify ?? '';
  const steps = (results.servers?.observability ?? []).flatMap((step) => {
    const load = loadOn(step, route);
    return load === undefined ? [] : [{ label: step.label, load }];
  });
  if (steps.length === 0) return [];
  const plain = steps[0]!.load;
  const kind = (index: number): Bar['kind'] => (index === 0 ? 'baseline' : 'ours');
  return [
    {
      title: `3. Observability, Fastify starter ${route}: requests/s (longer is better), × plain`,
      bars: steps.map(({ label, load }, index) => ({
        label,
        value: load.rps,
        text: `${formatCount(load.rps)} req/s  ${formatRatio(ratio(load.rps, plain.rps))}`,
        kind: kind(index),
      })),
    },
    {
      title: `3. Observability, Fastify starter ${route}: server CPU per request (shorter is better), × plain`,
      bars: steps.map(({ label, load }, index) => ({
        label,
        value: load.cpuMicrosPerRequest,
        text: `${formatCount(load.cpuMicrosPerRequest)} µs  ${formatRatio(ratio(load.cpuMicrosPerRequest, plain.cpuMicrosPerRequest))}`,
        kind: kind(index),
      })),
    },
  ];
}

function renderPanel(panel: Panel, top: number): { svg: string; height: number } {
  const max = Math.max(...panel.bars.map((bar) => bar.range?.[1] ?? bar.value));
  const scale = (value: number) => (max > 0 ? (value / max) * BAR_AREA : 0);
  const parts = [`<text x="8" y="${top + 22}" class="title">${escapeXml(panel.title)}</text>`];
  panel.bars.forEach((bar, index) => {
    const y = top + TITLE_HEIGHT + index * ROW_HEIGHT;
    const width = Math.max(1, scale(bar.value));
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 13}" class="label">${escapeXml(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLORS[bar.kind]}" rx="2"/>`,
    );
    if (bar.range !== undefined) {
      const [low, high] = bar.range.map((v) => LABEL_WIDTH + scale(v));
      const mid = y + BAR_HEIGHT / 2;
      parts.push(
        `<path d="M${low!.toFixed(1)} ${mid}H${high!.toFixed(1)}M${low!.toFixed(1)} ${mid - 4}v8M${high!.toFixed(1)} ${mid - 4}v8" class="whisker"/>`,
      );
    }
    const textX = LABEL_WIDTH + Math.max(width, bar.range ? scale(bar.range[1]) : 0) + 8;
    parts.push(
      `<text x="${textX.toFixed(1)}" y="${y + 13}" class="value">${escapeXml(bar.text)}</text>`,
    );
  });
  return { svg: parts.join('\n'), height: TITLE_HEIGHT + panel.bars.length * ROW_HEIGHT };
}

/** A standalone SVG with one horizontal bar panel per scenario that ran. */
export function svgChart(results: BenchResults): string {
  const panels = [
    scaffoldingPanel(results),
    serversPanel(results),
    ...observabilityPanels(results),
  ].filter((panel): panel is Panel => panel !== undefined);
  let top = 8;
  const rendered = panels.map((panel) => {
    const { svg, height } = renderPanel(panel, top);
    top += height + PANEL_GAP;
    return svg;
  });
  const legend = `<text x="8" y="${top + 10}" class="legend">blue: create-scalable-backend / its starters · grey: baselines · amber: peer generators · whiskers: min–max</text>`;
  const height = top + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">`,
    '<style>.title{font-size:14px;font-weight:600}.label{font-size:12px;text-anchor:end}.value{font-size:12px}.legend{font-size:11px;fill:#555}.whisker{stroke:#111;stroke-width:1;fill:none}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...rendered,
    legend,
    '</svg>',
    '',
  ].join('\n');
}
