import {
  DATA_COMPLEXITIES,
  DATABASES,
  DEPLOYMENT_TARGETS,
  FEATURE_TOGGLES,
  FRAMEWORK_IDS,
  HORIZONS,
  LEARNING_APPETITES,
  READ_WRITE_MIXES,
  TURNOVERS,
} from './ids.js';

export type FieldKind = 'enum' | 'int' | 'bool' | 'text' | 'skills' | 'list';
export type FieldGroup = 'project' | 'workload' | 'team' | 'deployment';

/**
 * Every profile answer, as data. The same row drives the CLI flag, the interactive prompt, the
 * "missing answers" message and error messages, so no answer can exist without a flag.
 */
export interface ProfileField {
  /** Dotted path in the Profile. */
  path: string;
  /** Flag name without leading dashes. */
  flag: string;
  group: FieldGroup;
  kind: FieldKind;
  /** Prompt question. */
  message: string;
  /** One line of help for prompts and `--help`. */
  help: string;
  choices?: readonly string[];
  /** Required answers are reported as missing in non-interactive runs without --yes. */
  required: boolean;
  /** Asked only when this holds for the answers so far. */
  askWhen?: (answers: Record<string, unknown>) => boolean;
}

export const PROFILE_FIELDS: readonly ProfileField[] = [
  {
    path: 'description',
    flag: 'description',
    group: 'project',
    kind: 'text',
    message: 'Describe the service in one line',
    help: 'free text, shown in README and package.json',
    required: false,
  },
  {
    path: 'workload.readWriteMix',
    flag: 'read-write-mix',
    group: 'workload',
    kind: 'enum',
    choices: READ_WRITE_MIXES,
    message: 'Read/write mix of the traffic',
    help: 'read-heavy favours caching; write-heavy favours transactional strength',
    required: true,
  },
  {
    path: 'workload.realtime.enabled',
    flag: 'realtime',
    group: 'workload',
    kind: 'bool',
    message: 'Real-time connections (WebSocket or Server-Sent Events)?',
    help: 'long-lived connections to clients',
    required: true,
  },
  {
    path: 'workload.realtime.concurrentConnections',
    flag: 'concurrent-connections',
    group: 'workload',
    kind: 'int',
    message: 'Peak concurrent real-time connections',
    help: 'e.g. 50000 for a busy chat',
    required: true,
    askWhen: (a) => (a['workload.realtime.enabled'] as boolean | undefined) === true,
  },
  {
    path: 'workload.cpuBound',
    flag: 'cpu-bound',
    group: 'workload',
    kind: 'bool',
    message: 'CPU-heavy work on requests (image processing, heavy computation)?',
    help: 'CPU-bound work blocks event loops and favours threads or compiled languages',
    required: true,
  },
  {
    path: 'workload.batchJobs',
    flag: 'batch-jobs',
    group: 'workload',
    kind: 'bool',
    message: 'Batch, ETL or background jobs?',
    help: 'work that runs outside the request path',
    required: true,
  },
  {
    path: 'workload.dataComplexity',
    flag: 'data-complexity',
    group: 'workload',
    kind: 'enum',
    choices: DATA_COMPLEXITIES,
    message: 'Data complexity',
    help: 'simple documents, relational queries, or multi-step transactions',
    required: true,
  },
  {
    path: 'workload.peakRps',
    flag: 'peak-rps',
    group: 'workload',
    kind: 'int',
    message: 'Peak requests per second today',
    help: 'e.g. 100, 10000',
    required: true,
  },
  {
    path: 'workload.peakRpsIn2Years',
    flag: 'peak-rps-in-2-years',
    group: 'workload',
    kind: 'int',
    message: 'Peak requests per second expected in 2-3 years',
    help: 'growth you plan for',
    required: true,
  },
  {
    path: 'workload.p99TargetMs',
    flag: 'p99-target-ms',
    group: 'workload',
    kind: 'int',
    message: 'p99 latency target (ms)',
    help: 'the slowest 1% of requests should finish within this',
    required: true,
  },
  {
    path: 'team.skills',
    flag: 'skill',
    group: 'team',
    kind: 'skills',
    message: 'Languages the team knows',
    help: 'repeatable: --skill typescript=expert --skill go=basic (none|basic|proficient|expert)',
    required: true,
  },
  {
    path: 'team.size',
    flag: 'team-size',
    group: 'team',
    kind: 'int',
    message: 'Team size (engineers)',
    help: 'people who will work on the service',
    required: true,
  },
  {
    path: 'team.turnover',
    flag: 'turnover',
    group: 'team',
    kind: 'enum',
    choices: TURNOVERS,
    message: 'Team turnover',
    help: 'high turnover or a distributed team favours strong conventions',
    required: true,
  },
  {
    path: 'team.learningAppetite',
    flag: 'learning-appetite',
    group: 'team',
    kind: 'enum',
    choices: LEARNING_APPETITES,
    message: 'Appetite to learn a new language or paradigm',
    help: 'ramp-up on a new paradigm costs months',
    required: true,
  },
  {
    path: 'deployment.target',
    flag: 'deployment',
    group: 'deployment',
    kind: 'enum',
    choices: DEPLOYMENT_TARGETS,
    message: 'Deployment target',
    help: 'where the service runs',
    required: true,
  },
  {
    path: 'horizon',
    flag: 'horizon',
    group: 'deployment',
    kind: 'enum',
    choices: HORIZONS,
    message: 'Horizon of the project',
    help: 'a prototype tolerates a sub-optimal choice; a five-year platform does not',
    required: true,
  },
  {
    path: 'framework',
    flag: 'framework',
    group: 'deployment',
    kind: 'enum',
    choices: FRAMEWORK_IDS,
    message: 'Framework',
    help: 'override the recommendation',
    required: false,
  },
  {
    path: 'database',
    flag: 'database',
    group: 'deployment',
    kind: 'enum',
    choices: DATABASES,
    message: 'Database',
    help: 'the primary database',
    required: false,
  },
  {
    path: 'features',
    flag: 'feature',
    group: 'deployment',
    kind: 'list',
    choices: FEATURE_TOGGLES,
    message: 'Optional features',
    help: 'repeatable: --feature cache turns one on, --feature no-cache keeps it off; features not named follow the workload',
    required: false,
  },
];

export function fieldByPath(path: string): ProfileField | undefined {
  return PROFILE_FIELDS.find((f) => f.path === path);
}
