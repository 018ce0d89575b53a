import { setTimeout as sleep } from 'node:timers/promises';
import type { Lifecycle } from './lifecycle.ts';
import type { Logger } from './logger.ts';

/** The parts of the HTTP server the shutdown sequence drives (the framework's server in production). */
export interface DrainableServer {
  /** Stops accepting connections, closes idle ones, resolves when in-flight requests are done. */
  close(): Promise<unknown>;
  /** Destroys every remaining connection (used when the drain timeout expires). */
  closeAllConnections(): void;
  inFlightRequests(): number;
}

export interface CleanupStep {
  readonly name: string;
  readonly run: () => Promise<unknown>;
  readonly timeoutMs: number;
}

export interface ShutdownPlan {
  readonly delayMs: number;
  readonly timeoutMs: number;
  readonly lifecycle: Lifecycle;
  readonly server: DrainableServer;
  /** Runs in order after the server has drained: close pools, then flush telemetry. */
  readonly cleanup: readonly CleanupStep[];
  readonly logger: Logger;
}

/** true when `promise` settled (either way) within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const controller = new AbortController();
  const timeout = sleep(ms, false, { signal: controller.signal }).catch(() => false);
  const settled = promise.then(
    () => true,
    () => true,
  );
  const result = await Promise.race([settled, timeout]);
  controller.abort();
  return result;
}

/**
 * The graceful shutdown sequence (contract §1.2):
 * 1. readiness fails (503) so load balancers stop routing here;
 * 2. keep serving for `delayMs` while endpoint removal propagates;
 * 3. close the listener and idle keep-alive connections;
 * 4. drain in-flight requests, at most `timeoutMs`, then abort the rest and say how many;
 * 5. cleanup steps (database pool, telemetry flush), each bounded.
 * Returns whether requests had to be aborted, so the caller can exit non-zero.
 */
export async function gracefulShutdown(
  plan: ShutdownPlan,
  reason: string,
): Promise<{ forced: boolean }> {
  const { lifecycle, server, logger } = plan;
  lifecycle.startDraining();
  logger.info({ reason, delay_ms: plan.delayMs, timeout_ms: plan.timeoutMs }, 'shutdown started');
  if (plan.delayMs > 0) await sleep(plan.delayMs);

  lifecycle.startClosing();
  const closed = server.close();
  let forced = false;
  if (!(await settlesWithin(closed, plan.timeoutMs))) {
    forced = true;
    const aborted = server.inFlightRequests();
    logger.warn(
      { aborted_requests: aborted, timeout_ms: plan.timeoutMs },
      `forced shutdown: aborting ${aborted} in-flight request(s) after the ${plan.timeoutMs} ms drain timeout`,
    );
    server.closeAllConnections();
    await settlesWithin(closed, 500);
  }

  for (const step of plan.cleanup) {
    const run = step.run().catch((error: unknown) => {
      logger.warn({ err: error, step: step.name }, 'shutdown step failed');
    });
    if (!(await settlesWithin(run, step.timeoutMs))) {
      logger.warn({ step: step.name, timeout_ms: step.timeoutMs }, 'shutdown step timed out');
    }
  }
  logger.info({ forced }, 'shutdown complete');
  return { forced };
}
