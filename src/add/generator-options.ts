import type { GeneratorAnswers, GeneratorName } from '../../generators/index.js';
import { nameProblem } from './module-name.js';

/** The flags `add` takes besides the generator and the name. */
export interface GeneratorFlags {
  module?: string;
  method?: string;
  every?: string;
}

export const ROUTE_METHODS = ['post', 'get'] as const;
export const DEFAULT_JOB_INTERVAL = '5m';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;
const MIN_INTERVAL_MS = 1000;
const MAX_INTERVAL_MS = 24 * UNIT_MS.h;

/** `30s`, `5m`, `1h` → milliseconds; undefined unless between 1 s and 24 h. */
export function parseInterval(text: string): number | undefined {
  const match = /^([1-9][0-9]{0,5})(s|m|h)$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms >= MIN_INTERVAL_MS && ms <= MAX_INTERVAL_MS ? ms : undefined;
}

/**
 * Validates the name and flags for one generator and turns them into template answers, or
 * returns the problem to report (exit 2). `modules` are the project's existing modules.
 */
export function generatorAnswers(
  generator: GeneratorName,
  name: string,
  flags: GeneratorFlags,
  modules: readonly string[],
  /** The project has the job queue (`jobs` feature): `add job` makes a queue job. */
  project: { readonly queue: boolean } = { queue: false },
): GeneratorAnswers | string {
  const problem = nameProblem(name, generator);
  if (problem) return problem;
  const irrelevant = (['module', 'method', 'every'] as const).filter(
    (flag) => flags[flag] !== undefined && !FLAGS_BY_GENERATOR[generator].includes(flag),
  );
  if (irrelevant.length > 0) {
    return `--${irrelevant.join(', --')} does not apply to "add ${generator}"`;
  }
  if (generator === 'module') return { name };

  const known = modules.length > 0 ? modules.join(', ') : 'none yet';
  if (flags.module === undefined) {
    return `"add ${generator}" needs --module <name>: the module it belongs to (this project's modules: ${known})`;
  }
  const moduleProblem = nameProblem(flags.module, 'module');
  if (moduleProblem) return `--module: ${moduleProblem}`;
  if (!modules.includes(flags.module)) {
    return `no module ${JSON.stringify(flags.module)} in this project (its modules: ${known}); create it first with "add module ${flags.module}"`;
  }
  const base = { name, module: flags.module };
  if (generator === 'route') {
    const method = (flags.method ?? 'post').toLowerCase();
    if (!(ROUTE_METHODS as readonly string[]).includes(method)) {
      return `--method must be one of ${ROUTE_METHODS.join(', ')} (got ${JSON.stringify(flags.method)})`;
    }
    return { ...base, method: method as GeneratorAnswers['method'] };
  }
  if (generator === 'job') {
    // A queue job runs when enqueued; it is also enqueued on a timer only when --every says so.
    if (project.queue && flags.every === undefined) return { ...base, queue: true };
    const every = flags.every ?? DEFAULT_JOB_INTERVAL;
    const everyMs = parseInterval(every);
    if (everyMs === undefined) {
      return `--every must be a whole number of seconds, minutes or hours between 1s and 24h, like 30s, 5m or 1h (got ${JSON.stringify(every)})`;
    }
    return { ...base, every, everyMs, ...(project.queue ? { queue: true } : {}) };
  }
  return base;
}

const FLAGS_BY_GENERATOR: Record<GeneratorName, ReadonlyArray<keyof GeneratorFlags>> = {
  module: [],
  route: ['module', 'method'],
  event: ['module'],
  job: ['module', 'every'],
};
