/**
 * OpenTelemetry → Prometheus metric names with unit suffixes, as the OpenTelemetry "Prometheus
 * and OpenMetrics compatibility" spec and the Collector do (http.server.request.duration in
 * seconds → http_server_request_duration_seconds). The JavaScript Prometheus exporter leaves
 * the unit out of the name, which would break dashboards and queries written for every other
 * runtime, so names are adjusted before serialization.
 */

const UNIT_WORDS: Record<string, string> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  bit: 'bits',
  Hz: 'hertz',
  '%': 'percent',
  Cel: 'celsius',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
};

/** `s` → `seconds`, `By/s` → `bytes_per_second`; annotations (`{request}`) and `1` → none. */
export function prometheusUnitSuffix(unit: string): string | undefined {
  const withoutAnnotations = unit.replace(/\{[^}]*\}/g, '').trim();
  if (withoutAnnotations === '' || withoutAnnotations === '1') return undefined;
  const [numerator = '', denominator] = withoutAnnotations.split('/');
  const top = UNIT_WORDS[numerator] ?? numerator;
  if (denominator === undefined) return top;
  const bottom = UNIT_WORDS[denominator]?.replace(/s$/, '') ?? denominator;
  return `${top}_per_${bottom}`;
}

export function prometheusBaseName(name: string, unit: string): string {
  const suffix = prometheusUnitSuffix(unit);
  const base = name.replace(/[^a-zA-Z0-9_:]/g, '_');
  return suffix === undefined || base.endsWith(`_${suffix}`) ? name : `${name}_${suffix}`;
}

interface MetricLike {
  readonly descriptor: { readonly name: string; readonly unit: string };
}

interface ResourceMetricsLike {
  readonly scopeMetrics: ReadonlyArray<{ readonly metrics: readonly MetricLike[] }>;
}

/** A copy of the collected metrics whose names carry their unit. */
export function withUnitSuffixes<T extends ResourceMetricsLike>(resourceMetrics: T): T {
  return {
    ...resourceMetrics,
    scopeMetrics: resourceMetrics.scopeMetrics.map((scope) => ({
      ...scope,
      metrics: scope.metrics.map((metric) => ({
        ...metric,
        descriptor: {
          ...metric.descriptor,
          name: prometheusBaseName(metric.descriptor.name, metric.descriptor.unit),
          // OpenMetrics expects the UNIT comment to equal the name's suffix.
          unit: prometheusUnitSuffix(metric.descriptor.unit) ?? '',
        },
      })),
    })),
  };
}
