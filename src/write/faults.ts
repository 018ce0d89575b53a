/**
 * Test-only fault injection, enabled solely by the CSB_FAULT environment variable, so the
 * interruption and failure guarantees can be proven from outside the process:
 *   fail-write:N            the Nth file write fails with EIO
 *   nospace-write:N         the Nth file write fails with ENOSPC
 *   signal:SIGINT@write:N   the process signals itself before the Nth write (also SIGTERM)
 *   spawn-fail:<command>    spawning <command> (e.g. npm) fails as if it were not installed
 *   fail-step:<step>        a named step (e.g. update-merged) fails with an internal error
 *   signal:SIGINT@step:<step>  the process signals itself at a named step (also SIGTERM)
 */
export type Fault =
  | { kind: 'fail-write'; at: number; code: 'EIO' | 'ENOSPC' }
  | { kind: 'signal'; at: number; signal: 'SIGINT' | 'SIGTERM' }
  | { kind: 'spawn-fail'; command: string }
  | { kind: 'fail-step'; step: string }
  | { kind: 'signal-step'; step: string; signal: 'SIGINT' | 'SIGTERM' };

export function parseFault(spec: string | undefined): Fault | undefined {
  if (!spec) return undefined;
  let m = /^(fail|nospace)-write:(\d+)$/.exec(spec);
  if (m) return { kind: 'fail-write', at: Number(m[2]), code: m[1] === 'fail' ? 'EIO' : 'ENOSPC' };
  m = /^signal:(SIGINT|SIGTERM)@write:(\d+)$/.exec(spec);
  if (m) return { kind: 'signal', at: Number(m[2]), signal: m[1] as 'SIGINT' | 'SIGTERM' };
  m = /^spawn-fail:([\w.-]+)$/.exec(spec);
  if (m) return { kind: 'spawn-fail', command: m[1]! };
  m = /^fail-step:([\w-]+)$/.exec(spec);
  if (m) return { kind: 'fail-step', step: m[1]! };
  m = /^signal:(SIGINT|SIGTERM)@step:([\w-]+)$/.exec(spec);
  if (m) return { kind: 'signal-step', step: m[2]!, signal: m[1] as 'SIGINT' | 'SIGTERM' };
  throw new Error(`unknown CSB_FAULT ${JSON.stringify(spec)}`);
}

export const activeFault = (): Fault | undefined => parseFault(process.env.CSB_FAULT);

/** Called before each file write with its 1-based index. */
export function beforeWrite(index: number, fault = activeFault()): void {
  if (!fault) return;
  if (fault.kind === 'signal' && fault.at === index) process.kill(process.pid, fault.signal);
  if (fault.kind === 'fail-write' && fault.at === index) {
    const error = new Error(
      `${fault.code === 'EIO' ? 'i/o error' : 'no space left on device'} (injected)`,
    ) as NodeJS.ErrnoException;
    error.code = fault.code;
    throw error;
  }
}

/** Called at named points of multi-step operations (update's merge) to prove their rollback. */
export function atStep(step: string, fault = activeFault()): void {
  if (fault?.kind === 'signal-step' && fault.step === step) process.kill(process.pid, fault.signal);
  if (fault?.kind === 'fail-step' && fault.step === step) {
    throw new Error(`step ${step} failed (injected)`);
  }
}
