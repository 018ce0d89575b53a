import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
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

/** The JVM hook is a Java agent, compiled once per source version with the JDK's javac and jar. */
function jvmFaultAgent(): string {
  const source = path.join(HARNESS_DIR, 'fault-hooks/jvm/FaultAgent.java');
  const hash = crypto
    .createHash('sha256')
    .update(fs.readFileSync(source))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(os.tmpdir(), `csb-fault-agent-${hash}`);
  const jar = path.join(dir, 'fault-agent.jar');
  if (fs.existsSync(jar)) return jar;
  fs.mkdirSync(path.join(dir, 'classes'), { recursive: true });
  execFileSync('javac', ['--release', '17', '-d', path.join(dir, 'classes'), source], {
    stdio: 'pipe',
  });
  fs.writeFileSync(path.join(dir, 'manifest.txt'), 'Premain-Class: FaultAgent\n');
  execFileSync(
    'jar',
    [
      '--create',
      '--file',
      jar,
      '--manifest',
      path.join(dir, 'manifest.txt'),
      '-C',
      path.join(dir, 'classes'),
      '.',
    ],
    { stdio: 'pipe' },
  );
  return jar;
}

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
  jvm: (fault, env) => ({
    JAVA_TOOL_OPTIONS: [env.JAVA_TOOL_OPTIONS, `-javaagent:${jvmFaultAgent()}`]
      .filter(Boolean)
      .join(' '),
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
