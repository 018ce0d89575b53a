/** A minimal parser for the Prometheus text exposition format (0.0.4), enough for C41-C48. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const pattern = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    labels[match[1]!] = match[2]!.replace(/\\(["\\n])/g, (_all, escaped: string) =>
      escaped === 'n' ? '\n' : escaped,
    );
  }
  return labels;
}

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

export function parsePrometheusText(body: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of body.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/.exec(trimmed);
    if (match === null) continue;
    samples.push({
      name: match[1]!,
      labels: parseLabels(match[2] ?? ''),
      value: parseValue(match[3]!),
    });
  }
  return samples;
}

/** Distinct series (name + label set) in a scrape. */
export function seriesCount(samples: readonly Sample[]): number {
  return new Set(samples.map((s) => `${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`))
    .size;
}
