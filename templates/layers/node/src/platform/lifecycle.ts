/**
 * Where the process is in its life. Shutdown moves it forward; the HTTP layer reads it:
 * - serving:  normal operation
 * - draining: SIGTERM received; /readyz answers 503 so load balancers stop sending traffic, but
 *             requests are still served (endpoint removal propagates asynchronously)
 * - closing:  the listener is closed; requests arriving on still-open keep-alive connections get
 *             503 + Connection: close while in-flight ones finish
 */
export type LifecyclePhase = 'serving' | 'draining' | 'closing';

export interface Lifecycle {
  readonly phase: LifecyclePhase;
  startDraining(): void;
  startClosing(): void;
}

export function createLifecycle(): Lifecycle {
  let phase: LifecyclePhase = 'serving';
  return {
    get phase() {
      return phase;
    },
    startDraining() {
      if (phase === 'serving') phase = 'draining';
    },
    startClosing() {
      phase = 'closing';
    },
  };
}
