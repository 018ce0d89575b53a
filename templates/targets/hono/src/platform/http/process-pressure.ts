import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/** Mean event-loop delay over one sample interval above which new work is refused. */
export const MAX_EVENT_LOOP_DELAY_MS = 1000;
/** Share of V8's heap limit above which new work is refused; past the limit the process crashes. */
export const MAX_HEAP_USED_RATIO = 0.95;

const SAMPLE_INTERVAL_MS = 1000;
const RESOLUTION_MS = 10;

/** Whether the process is too busy to take more work, sampled once a second. */
export interface PressureGauge {
  overloaded(): boolean;
}

let shared: PressureGauge | undefined;

/**
 * Event-loop lag (a request would wait that long before any of its code runs) and heap use, the
 * thresholds @fastify/under-pressure offers too, measured the same way. Event-loop utilisation is
 * deliberately not used: a busy but healthy server sits near 100 %, and shedding on it would turn
 * sustained load into refusing almost everything. One sampler per process, since the event loop is
 * the process's.
 */
export function processPressure(): PressureGauge {
  if (shared !== undefined) return shared;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const heapLimit = getHeapStatistics().heap_size_limit;
  let overloaded = false;
  setInterval(() => {
    // No sample in a whole interval (NaN mean) means the loop was blocked throughout.
    const delayMs = Math.max(0, histogram.mean / 1e6 - RESOLUTION_MS);
    histogram.reset();
    overloaded =
      Number.isNaN(delayMs) ||
      delayMs > MAX_EVENT_LOOP_DELAY_MS ||
      process.memoryUsage().heapUsed > heapLimit * MAX_HEAP_USED_RATIO;
  }, SAMPLE_INTERVAL_MS).unref();
  shared = { overloaded: () => overloaded };
  return shared;
}
