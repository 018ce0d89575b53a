import path from 'node:path';
import type { TargetDefinition } from '../../../src/catalog/targets/types.js';
import type { EnvOverrides } from './app-process.js';
import { HARNESS_DIR } from './paths.js';

/**
 * S07 needs a crash outside any request, which no fixture route can cause. The runtime is asked
 * to raise it instead, through a preload the app's code never sees; the harness triggers it with
 * FAULT_TRIGGER_SIGNAL. One entry per ecosystem: a new runtime adds its own hook here.
 */
export type ProcessFault = 'uncaught-exception' | 'unhandled-rejection';

export const FAULT_CANARY = 'csb-fault-canary';
/** Not SIGUSR2: close-with-grace and others treat it as a shutdown request. */
export const FAULT_TRIGGER_SIGNAL: NodeJS.Signals = 'SIGWINCH';

const hooks: Partial<
  Record<
    TargetDefinition['ecosystem'],
    (fault: ProcessFault, env: Record<string, string>) => EnvOverrides
  >
> = {
  node: (fault, env) => ({
    NODE_OPTIONS: [env.NODE_OPTIONS, `--import=${path.join(HARNESS_DIR, 'fault-hooks/node.mjs')}`]
      .filter(Boolean)
      .join(' '),
    CSB_FAULT_KIND: fault,
  }),
  // Go has no preload: the conformance fixture overlay arms the same SIGWINCH trigger in the app
  // itself, only with CONFORMANCE_FIXTURES=true and CSB_FAULT_KIND set (a panic, or a fatal error,
  // in a supervised background goroutine).
  go: (fault) => ({ CSB_FAULT_KIND: fault }),
  // Python imports `sitecustomize` from PYTHONPATH at start-up.
  python: (fault, env) => ({
    PYTHONPATH: [path.join(HARNESS_DIR, 'fault-hooks/python'), env.PYTHONPATH]
      .filter(Boolean)
      .join(path.delimiter),
    CSB_FAULT_KIND: fault,
  }),
};

/** Env that arms the fault, or undefined when the ecosystem has no hook yet. */
export function faultEnv(
  target: TargetDefinition,
  fault: ProcessFault,
  appEnv: Record<string, string> = {},
): EnvOverrides | undefined {
  return hooks[target.ecosystem]?.(fault, appEnv);
}
