/**
 * Test-only fault injection, enabled solely by the CSB_FAULT environment variable, so the
 * interruption and failure guarantees can be proven from outside the process:
 *   fail-write:N            the Nth file write fails with EIO
 *   nospace-write:N         the Nth file write fails with ENOSPC
 *   signal:SIGINT@write:N   the process signals itself before the Nth write (also SIGTERM)
 *   spawn-fail:<command>    spawning <command> (e.g. npm) fails as if it were not installed
 */
export type Fault =
  | { kind: 'fail-write'; at: number; code: 'EIO' | 'ENOSPC' }
  | { kind: 'signal'; at: number; signal: 'SIGINT' | 'SIGTERM' }
  | { kind: 'spawn-fail'; command: string };

export function parseFault(spec: string | undefined): Fault | undefined {
  if (!spec) return undefined;
  let m = /^(fail|nospace)-write:(\d+)$/.exec(spec);
  if (m) return { kind: 'fail-write', at: Number(m[2]), code: m[1] === 'fail' ? 'EIO' : 'ENOSPC' };
  m = /^signal:(SIGINT|SIGTERM)@write:(\d+)$/.exec(spec);
  if (m) return { kind: 'signal', at: Number(m[2]), signal: m[1] as 'SIGINT' | 'SIGTERM' };
  m = /^spawn-fail:([\w.-]+)$/.exec(spec);
  if (m) return { kind: 'spawn-fail', command: m[1]! };
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
