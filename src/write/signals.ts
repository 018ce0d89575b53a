import { InterruptedError } from '../cli/errors.js';

/**
 * Records SIGINT/SIGTERM while a critical section runs, instead of dying mid-write; the section
 * calls `check()` between steps, rolls back, and exits with 130/143.
 */
export class SignalGuard {
  private received: 'SIGINT' | 'SIGTERM' | undefined;
  private readonly onInt = () => (this.received ??= 'SIGINT');
  private readonly onTerm = () => (this.received ??= 'SIGTERM');

  start(): this {
    process.on('SIGINT', this.onInt);
    process.on('SIGTERM', this.onTerm);
    return this;
  }

  stop(): void {
    process.off('SIGINT', this.onInt);
    process.off('SIGTERM', this.onTerm);
  }

  check(): void {
    if (this.received) throw new InterruptedError(this.received);
  }

  /** Lets pending signal events run: a signal is delivered on the event loop, not synchronously. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.check();
  }
}
