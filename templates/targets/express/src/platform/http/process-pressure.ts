import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

export interface PressureLimits {
  /** Mean event-loop delay over the last sample above which requests are refused. */
  readonly maxEventLoopDelayMs: number;
  /** Heap use above which requests are refused (past the V8 limit the process crashes). */
  readonly maxHeapUsedBytes: number;
  readonly sampleIntervalMs?: number;
}

export interface ProcessPressure {
  /** Why new work should be refused right now, or undefined when the process is healthy. */
  overloaded(): 'event-loop-delay' | 'heap' | undefined;
  stop(): void;
}

// How often the histogram samples the loop; its own lag is subtracted from the mean.
const RESOLUTION_MS = 10;

/**
 * Process health sampled every second, the checks @fastify/under-pressure makes: event-loop delay
 * (requests would wait that long before any of their code runs) and heap use. Event-loop
 * *utilisation* is deliberately not used: a busy but healthy server sits near 100 %, and
 * shedding on it would turn sustained load into refusing almost everything.
 */
export function monitorProcessPressure({
  maxEventLoopDelayMs,
  maxHeapUsedBytes,
  sampleIntervalMs = 1000,
}: PressureLimits): ProcessPressure {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let state: ReturnType<ProcessPressure['overloaded']>;
  const timer = setInterval(() => {
    // No samples at all means the loop was blocked for the whole interval.
    const delayMs = histogram.count === 0 ? Infinity : histogram.mean / 1e6 - RESOLUTION_MS;
    histogram.reset();
    if (delayMs > maxEventLoopDelayMs) state = 'event-loop-delay';
    else if (getHeapStatistics().used_heap_size > maxHeapUsedBytes) state = 'heap';
    else state = undefined;
  }, sampleIntervalMs);
  timer.unref();
  return {
    overloaded: () => state,
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
