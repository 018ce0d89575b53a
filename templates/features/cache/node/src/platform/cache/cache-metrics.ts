import { metrics } from '@opentelemetry/api';
import type { CacheMetrics } from './cache.ts';

/**
 * cache.hits, cache.misses and cache.errors (Prometheus: cache_hits_total, ...), each labelled
 * with the module. Hit ratio: rate(cache_hits_total) / (rate(cache_hits_total) + rate(cache_misses_total)).
 * A read that joined another's load in progress (single flight) counts as neither.
 * Created after the OpenTelemetry SDK started (telemetry.ts runs first), so they reach its exporter.
 */
export function openTelemetryCacheMetrics(): CacheMetrics {
  const meter = metrics.getMeter('cache');
  const hits = meter.createCounter('cache.hits', {
    description: 'Reads answered from the cache',
    unit: '{read}',
  });
  const misses = meter.createCounter('cache.misses', {
    description: 'Reads the cache did not hold, loaded from the database',
    unit: '{read}',
  });
  const errors = meter.createCounter('cache.errors', {
    description:
      'Cache operations that failed (Redis down, slow or unreadable) and fell back to the database',
    unit: '{error}',
  });
  return {
    hit: (module) => hits.add(1, { module }),
    miss: (module) => misses.add(1, { module }),
    error: (module, operation) => errors.add(1, { module, operation }),
  };
}
