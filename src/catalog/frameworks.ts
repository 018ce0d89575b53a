import type { DeploymentTarget, FrameworkId, LanguageId } from '../profile/ids.js';

/**
 * The candidate frameworks the recommender weighs, as data. Every fact carries a `source` beside it:
 * the decision model, one of the seed articles, or a public page. Ratings run 0 (unfit) to 5
 * (best of the catalog); they compare the candidates with each other, they are not benchmarks.
 * Whether a framework can be scaffolded is deliberately not stored here: it comes from
 * `scaffoldableIds` in ./targets/index.ts, so adding a target never touches this table.
 */

export type Rating = 0 | 1 | 2 | 3 | 4 | 5;

export interface Sourced<T> {
  value: T;
  /** Where the fact comes from: a file under ../shared or a public URL, with a short pointer. */
  source: string;
}

/** A language whose skill counts as familiarity with the framework; affinity 1 = native language. */
export interface LanguageAffinity {
  language: LanguageId;
  affinity: number;
}

export interface FrameworkFacts {
  /** Languages the framework is written in by its users (skills in them count as familiarity). */
  languages: Sourced<readonly LanguageAffinity[]>;
  /** The runtime that hosts it, used in explanations ("JVM", "Node.js", ...). */
  runtime: Sourced<string>;
  /** How it serves concurrent requests, in a few words ("event loop", "goroutines", ...). */
  concurrencyModel: Sourced<string>;
  /** Many concurrent I/O-bound requests (database, network) per instance. */
  ioConcurrency: Sourced<Rating>;
  /** Many long-lived connections (WebSocket, SSE) with backpressure. */
  realtime: Sourced<Rating>;
  /** CPU-bound work inside the service (image processing, heavy computation). */
  cpuBound: Sourced<Rating>;
  /** Requests per second per instance (request-lifecycle efficiency). */
  throughput: Sourced<Rating>;
  /** Predictable tail latency (p99). */
  tailLatency: Sourced<Rating>;
  /** Memory per instance and per connection. */
  memoryEfficiency: Sourced<Rating>;
  /** Startup time: 5 = tens of milliseconds, 1 = seconds. */
  coldStart: Sourced<Rating>;
  /** Extension mechanism and module boundaries (plugins, DI modules). */
  modularity: Sourced<Rating>;
  /** The extension mechanism in a few words, used in explanations. */
  extensionMechanism: Sourced<string>;
  /** Error-handling robustness out of the box. */
  errorHandling: Sourced<Rating>;
  /** Complex relational queries through its usual data layer. */
  relationalData: Sourced<Rating>;
  /** Multi-step transactions through its usual data layer. */
  transactions: Sourced<Rating>;
  /** The usual data layer in a few words, used in explanations. */
  dataLayer: Sourced<string>;
  /** Batch, ETL and background jobs. */
  backgroundJobs: Sourced<Rating>;
  /** The usual job runner in a few words, used in explanations. */
  jobsLayer: Sourced<string>;
  /** Enforced structure, conventions and dependency injection. */
  structure: Sourced<Rating>;
  /** How quickly a developer new to it becomes productive (5 = gentle, 0 = steepest). */
  learningEase: Sourced<Rating>;
  /**
   * How much framework there is to learn beyond its language (0 = a thin layer, 5 = a large world
   * of its own): it decides how much of a language skill carries over to the framework.
   */
  abstractionToLearn: Sourced<Rating>;
  /** Speed of prototyping and shipping features. */
  productivity: Sourced<Rating>;
  /** Ecosystem sub-criteria (seed 000): library quality, docs, community, support, upgrades. */
  libraryQuality: Sourced<Rating>;
  documentation: Sourced<Rating>;
  community: Sourced<Rating>;
  commercialSupport: Sourced<Rating>;
  upgradeStability: Sourced<Rating>;
  /** Size of the pool of developers who know its language. */
  hiringMarket: Sourced<Rating>;
  /** Track record and backing (vendor or foundation stability). */
  vendorStability: Sourced<Rating>;
  /** Standard APIs, DB abstraction, DI and externalised config (seed 000 migration criteria). */
  migrationFriendliness: Sourced<Rating>;
  /** Fit per deployment target; 0 where a hard constraint rules it out. */
  deployment: Readonly<Record<DeploymentTarget, Sourced<Rating>>>;
  /** What the framework makes easy, for the ADR's consequences. */
  fits: Sourced<readonly string[]>;
  /** What it makes hard or costly, for the ADR's consequences. */
  weakAt: Sourced<readonly string[]>;
}

export interface FrameworkEntry {
  id: FrameworkId;
  displayName: string;
  facts: FrameworkFacts;
  /** Targets it cannot run on at all, each with the reason; these filter before scoring. */
  hardConstraints: Readonly<Partial<Record<DeploymentTarget, Sourced<string>>>>;
}

const DM = '../shared/docs/decision-model.md';
const S000 = '../shared/seeds/000_195cade7b0820ee5.txt';
const S001 = '../shared/seeds/001_15cc42e33e538572.txt';
const S002 = '../shared/seeds/002_793cf519392f2288.txt';
const S003 = '../shared/seeds/003_2d31bbe0a44def33.txt';
const S004 = '../shared/seeds/004_2f107118975d1f3c.txt';
/** Language popularity among professional developers, the proxy used for hiring-market size. */
const SO_SURVEY = 'https://survey.stackoverflow.co/2024/technology (language usage)';
const CF_NODE_HTTP =
  'https://blog.cloudflare.com/bringing-node-js-http-servers-to-cloudflare-workers (node:http on Workers, 2025)';

function f<T>(value: T, source: string): Sourced<T> {
  return { value, source };
}

const NODE_LANGUAGES: readonly LanguageAffinity[] = [
  { language: 'typescript', affinity: 1 },
  { language: 'javascript', affinity: 1 },
];

export const FRAMEWORKS: readonly FrameworkEntry[] = [
  {
    id: 'fastify',
    displayName: 'Fastify',
    facts: {
      languages: f(NODE_LANGUAGES, 'https://fastify.dev/docs/latest/Reference/TypeScript/'),
      runtime: f('Node.js', DM + ' (facts table: Fastify / other Node)'),
      concurrencyModel: f('event loop', DM + ' (facts table: Fastify / other Node)'),
      ioConcurrency: f(5, DM + ' (Fastify fits I/O-heavy APIs, many concurrent connections)'),
      realtime: f(4, S003 + ' (Node handled 50,000 concurrent connections); @fastify/websocket'),
      cpuBound: f(2, DM + ' (CPU-bound work needs worker threads); ' + S000),
      throughput: f(4, 'https://fastify.dev/benchmarks/ (among the fastest Node.js frameworks)'),
      tailLatency: f(
        4,
        'https://fastify.dev/benchmarks/ (low per-request overhead, schema serializers)',
      ),
      memoryEfficiency: f(4, S003 + ' (non-blocking I/O, single process per core)'),
      coldStart: f(4, 'https://fastify.dev/docs/latest/Guides/Serverless/ (fast boot on Lambda)'),
      modularity: f(4, 'https://fastify.dev/docs/latest/Reference/Encapsulation/'),
      extensionMechanism: f(
        'encapsulated plugins and hooks',
        'https://fastify.dev/docs/latest/Reference/Plugins/',
      ),
      errorHandling: f(
        4,
        'https://fastify.dev/docs/latest/Reference/Errors/ (async errors caught, per-plugin error handlers)',
      ),
      relationalData: f(
        3,
        'bring-your-own data layer: https://fastify.dev/docs/latest/Guides/Database/',
      ),
      transactions: f(
        3,
        'bring-your-own data layer: https://fastify.dev/docs/latest/Guides/Database/',
      ),
      dataLayer: f(
        'a data library of your choice (pg, Kysely, Drizzle)',
        'https://fastify.dev/docs/latest/Guides/Database/',
      ),
      backgroundJobs: f(
        3,
        S004 + ' (Node with Bull / RabbitMQ clients for events); https://docs.bullmq.io',
      ),
      jobsLayer: f('BullMQ or pg-boss in a separate worker', 'https://docs.bullmq.io'),
      structure: f(3, S004 + ' (plugins give boundaries, no enforced project layout)'),
      learningEase: f(4, S002 + ' (low learning curve for JS developers, Node frameworks)'),
      abstractionToLearn: f(
        1,
        'https://fastify.dev/docs/latest/Guides/Getting-Started/ (routes, plugins and hooks on plain Node.js)',
      ),
      productivity: f(4, DM + ' (Node: rapid prototyping, APIs)'),
      libraryQuality: f(
        4,
        'https://fastify.dev/ecosystem/ (core plugins maintained by the Fastify team)',
      ),
      documentation: f(4, 'https://fastify.dev/docs/latest/'),
      community: f(4, 'https://github.com/fastify/fastify (OpenJS Foundation project)'),
      commercialSupport: f(
        3,
        'https://openjsf.org/projects (foundation project; consultancies offer support)',
      ),
      upgradeStability: f(
        4,
        'https://fastify.dev/docs/latest/Reference/LTS/ (documented LTS policy)',
      ),
      hiringMarket: f(5, SO_SURVEY + ' (JavaScript/TypeScript the most used)'),
      vendorStability: f(4, 'https://openjsf.org/projects (OpenJS Foundation at-large project)'),
      migrationFriendliness: f(4, S000 + ' (standard APIs; JSON Schema / OpenAPI routes)'),
      deployment: {
        kubernetes: f(5, S003 + ' (Node scaled from 10 to 200 stateless instances)'),
        serverless: f(4, 'https://github.com/fastify/aws-lambda-fastify'),
        paas: f(5, DM + ' (stateless, horizontal scaling)'),
        vm: f(5, DM + ' (stateless, horizontal scaling)'),
        edge: f(2, CF_NODE_HTTP + ': runs only through the Node.js compatibility layer'),
      },
      fits: f(
        ['I/O-heavy JSON APIs', 'many concurrent connections', 'stateless horizontal scaling'],
        DM + ' (facts table: Fastify / other Node)',
      ),
      weakAt: f(
        [
          'CPU-bound work (needs worker threads or a separate worker)',
          'module boundaries are a team convention, not enforced',
        ],
        DM + ' (facts table: Fastify / other Node); ' + S002,
      ),
    },
    hardConstraints: {},
  },
  {
    id: 'nestjs',
    displayName: 'NestJS',
    facts: {
      languages: f(
        [
          { language: 'typescript', affinity: 1 },
          { language: 'javascript', affinity: 0.8 },
        ],
        'https://docs.nestjs.com/ (TypeScript first, plain JavaScript supported)',
      ),
      runtime: f('Node.js', DM + ' (facts table: NestJS)'),
      concurrencyModel: f('event loop with DI modules', DM + ' (facts table: NestJS)'),
      ioConcurrency: f(5, DM + ' (NestJS: event loop)'),
      realtime: f(4, 'https://docs.nestjs.com/websockets/gateways; ' + S003),
      cpuBound: f(2, DM + ' (event loop: CPU-heavy work blocks it)'),
      throughput: f(
        3,
        'https://docs.nestjs.com/techniques/performance (abstraction layer over Express or Fastify)',
      ),
      tailLatency: f(3, 'https://docs.nestjs.com/techniques/performance'),
      memoryEfficiency: f(
        3,
        'https://docs.nestjs.com/faq/serverless (module graph and DI container at boot)',
      ),
      coldStart: f(
        2,
        'https://docs.nestjs.com/faq/serverless (bootstrap cost of the DI container)',
      ),
      modularity: f(5, DM + ' (convention and dependency injection, modular monoliths)'),
      extensionMechanism: f('DI modules and providers', 'https://docs.nestjs.com/modules'),
      errorHandling: f(4, 'https://docs.nestjs.com/exception-filters'),
      relationalData: f(
        3,
        'https://docs.nestjs.com/techniques/database (the same Node.js ORMs, wrapped in modules)',
      ),
      transactions: f(
        3,
        'https://docs.nestjs.com/techniques/database#transactions (ORM transactions)',
      ),
      dataLayer: f(
        'TypeORM, Prisma or MikroORM modules',
        'https://docs.nestjs.com/techniques/database',
      ),
      backgroundJobs: f(4, 'https://docs.nestjs.com/techniques/queues'),
      jobsLayer: f('@nestjs/bullmq queues', 'https://docs.nestjs.com/techniques/queues'),
      structure: f(5, DM + ' (large or high-turnover TS teams)'),
      learningEase: f(3, DM + ' (more abstraction to learn)'),
      abstractionToLearn: f(4, DM + ' (more abstraction to learn: modules, providers, decorators)'),
      productivity: f(
        4,
        'https://docs.nestjs.com/cli/overview (generators for modules, controllers, services)',
      ),
      libraryQuality: f(
        4,
        'https://docs.nestjs.com/ (official modules for config, queues, GraphQL, microservices)',
      ),
      documentation: f(5, 'https://docs.nestjs.com/'),
      community: f(4, 'https://github.com/nestjs/nest'),
      commercialSupport: f(4, 'https://enterprise.nestjs.com (official enterprise support)'),
      upgradeStability: f(
        3,
        'https://docs.nestjs.com/migration-guide (major versions with migration guides)',
      ),
      hiringMarket: f(4, SO_SURVEY + ' (TypeScript widely used)'),
      vendorStability: f(4, 'https://github.com/nestjs/nest (core team, sponsored, since 2017)'),
      migrationFriendliness: f(
        5,
        S000 + ' (DI, externalised config); https://docs.nestjs.com/techniques/configuration',
      ),
      deployment: {
        kubernetes: f(5, DM + ' (Node, stateless)'),
        serverless: f(2, 'https://docs.nestjs.com/faq/serverless (cold start of the module graph)'),
        paas: f(5, DM + ' (Node, stateless)'),
        vm: f(5, DM + ' (Node, stateless)'),
        edge: f(
          1,
          CF_NODE_HTTP + ': only through the Node.js compatibility layer, heavy bootstrap',
        ),
      },
      fits: f(
        [
          'a modular monolith with DI modules',
          'large or high-turnover TypeScript teams',
          'consistent structure across modules',
        ],
        DM + ' (facts table: NestJS)',
      ),
      weakAt: f(
        [
          'more abstraction to learn (decorators, providers, modules)',
          'slower cold starts on serverless functions',
        ],
        DM + ' (facts table: NestJS); https://docs.nestjs.com/faq/serverless',
      ),
    },
    hardConstraints: {},
  },
  {
    id: 'express',
    displayName: 'Express',
    facts: {
      languages: f(NODE_LANGUAGES, 'https://expressjs.com/'),
      runtime: f('Node.js', DM + ' (facts table: Express)'),
      concurrencyModel: f('event loop', DM + ' (facts table: Express)'),
      ioConcurrency: f(4, S002 + ' (asynchronous event loop)'),
      realtime: f(
        4,
        S001 + ' (Node.js with Socket.IO); ' + S003 + ' (50,000 concurrent connections)',
      ),
      cpuBound: f(2, DM + ' (CPU-heavy work blocks the loop)'),
      throughput: f(
        3,
        'https://fastify.dev/benchmarks/ (Express serves fewer requests per second than Fastify)',
      ),
      tailLatency: f(3, 'https://fastify.dev/benchmarks/'),
      memoryEfficiency: f(4, S003 + ' (non-blocking I/O)'),
      coldStart: f(
        4,
        'https://github.com/dougmoscrop/serverless-http (small, fast-booting handler)',
      ),
      modularity: f(2, S002 + ' (minimal structure; middleware only)'),
      extensionMechanism: f('middleware only', S002 + ' (micro-framework, minimal structure)'),
      errorHandling: f(
        3,
        'https://expressjs.com/en/guide/error-handling.html (Express 5 forwards rejected promises)',
      ),
      relationalData: f(3, S002 + ' (modular: pick an ORM such as Prisma)'),
      transactions: f(3, S002 + ' (modular: pick an ORM such as Prisma)'),
      dataLayer: f('an ORM of your choice (Prisma, Sequelize)', S002 + ' (modular ecosystem)'),
      backgroundJobs: f(3, S004 + ' (Node with Bull or RabbitMQ clients)'),
      jobsLayer: f('Bull/BullMQ in a separate worker', S004),
      structure: f(1, DM + ' (minimal structure drifts in big teams); ' + S002),
      learningEase: f(5, S002 + ' (low learning curve for JS developers)'),
      abstractionToLearn: f(0, S002 + ' (minimal micro-framework)'),
      productivity: f(5, DM + ' (rapid prototyping)'),
      libraryQuality: f(3, S003 + ' (vast npm library, quality varies)'),
      documentation: f(
        3,
        'https://expressjs.com/en/guide/routing.html (concise guides, little on structure)',
      ),
      community: f(5, S002 + ' (large, active community); https://github.com/expressjs/express'),
      commercialSupport: f(
        3,
        'https://openjsf.org/projects (foundation project; consultancies offer support)',
      ),
      upgradeStability: f(
        3,
        'https://expressjs.com/2024/10/15/v5-release.html (v5 after a decade; LTS plan)',
      ),
      hiringMarket: f(5, SO_SURVEY + ' (JavaScript the most used language)'),
      vendorStability: f(4, 'https://openjsf.org/projects (OpenJS Foundation impact project)'),
      migrationFriendliness: f(3, S000 + ' (standard REST; no DI or config conventions)'),
      deployment: {
        kubernetes: f(4, S002 + ' (needs clustering and reverse proxies to scale)'),
        serverless: f(4, 'https://github.com/dougmoscrop/serverless-http'),
        paas: f(5, S002 + ' (fastest path to production for small teams)'),
        vm: f(4, S002 + ' (clustering and reverse proxies)'),
        edge: f(2, CF_NODE_HTTP + ': Express runs through the node:http compatibility layer'),
      },
      fits: f(
        ['rapid prototyping', 'small REST APIs', 'real-time features with Socket.IO'],
        DM + ' (facts table: Express); ' + S002,
      ),
      weakAt: f(
        [
          'structure drifts as the team grows',
          'CPU-heavy work blocks the event loop',
          'scaling needs clustering and proxies',
        ],
        DM + ' (facts table: Express)',
      ),
    },
    hardConstraints: {},
  },
  {
    id: 'hono',
    displayName: 'Hono',
    facts: {
      languages: f(NODE_LANGUAGES, 'https://hono.dev/docs/'),
      runtime: f(
        'any Web-standard runtime (Node.js, Bun, Deno, Workers)',
        DM + ' (facts table: Hono)',
      ),
      concurrencyModel: f('Web-standard event loop', DM + ' (facts table: Hono)'),
      ioConcurrency: f(4, DM + ' (Hono: event loop)'),
      realtime: f(
        3,
        'https://hono.dev/docs/helpers/websocket (runtime-specific WebSocket adapters)',
      ),
      cpuBound: f(2, DM + ' (event loop)'),
      throughput: f(4, 'https://hono.dev/docs/concepts/benchmarks'),
      tailLatency: f(4, 'https://hono.dev/docs/concepts/benchmarks'),
      memoryEfficiency: f(5, DM + ' (small)'),
      coldStart: f(5, DM + ' (fast cold start)'),
      modularity: f(3, 'https://hono.dev/docs/guides/best-practices (sub-apps via app.route)'),
      extensionMechanism: f(
        'middleware and mounted sub-apps',
        'https://hono.dev/docs/guides/middleware',
      ),
      errorHandling: f(3, 'https://hono.dev/docs/api/exception (HTTPException, app.onError)'),
      relationalData: f(2, DM + ' (young ecosystem; data layer chosen per runtime)'),
      transactions: f(2, DM + ' (young ecosystem; edge database drivers vary)'),
      dataLayer: f(
        'a runtime-compatible driver of your choice',
        'https://hono.dev/docs/getting-started/basic',
      ),
      backgroundJobs: f(2, DM + ' (young ecosystem; jobs depend on the host platform)'),
      jobsLayer: f(
        'the host platform queue (e.g. Cloudflare Queues)',
        'https://developers.cloudflare.com/queues/',
      ),
      structure: f(2, S002 + ' (micro-framework: minimal structure)'),
      learningEase: f(4, 'https://hono.dev/docs/ (small API on Web standards)'),
      abstractionToLearn: f(
        1,
        'https://hono.dev/docs/ (small API on Web-standard Request/Response)',
      ),
      productivity: f(4, 'https://hono.dev/docs/guides/rpc (typed client, small API)'),
      libraryQuality: f(3, DM + ' (young ecosystem)'),
      documentation: f(4, 'https://hono.dev/docs/'),
      community: f(3, DM + ' (young ecosystem); https://github.com/honojs/hono'),
      commercialSupport: f(2, DM + ' (young ecosystem)'),
      upgradeStability: f(3, 'https://github.com/honojs/hono/releases (v4 since 2024)'),
      hiringMarket: f(4, SO_SURVEY + ' (TypeScript widely used; the framework itself is young)'),
      vendorStability: f(3, DM + ' (young ecosystem)'),
      migrationFriendliness: f(4, S000 + ' (standard APIs: Web Request/Response)'),
      deployment: {
        kubernetes: f(4, 'https://hono.dev/docs/getting-started/nodejs'),
        serverless: f(5, DM + ' (serverless and edge: small, fast cold start)'),
        paas: f(4, 'https://hono.dev/docs/getting-started/nodejs'),
        vm: f(4, 'https://hono.dev/docs/getting-started/nodejs'),
        edge: f(
          5,
          DM + ' (serverless and edge); https://hono.dev/docs/getting-started/cloudflare-workers',
        ),
      },
      fits: f(
        ['serverless functions and edge runtimes', 'small, fast-starting APIs'],
        DM + ' (facts table: Hono)',
      ),
      weakAt: f(
        [
          'a young ecosystem with fewer battle-tested libraries',
          'little built-in structure for large codebases',
        ],
        DM + ' (facts table: Hono)',
      ),
    },
    hardConstraints: {},
  },
  {
    id: 'fastapi',
    displayName: 'FastAPI',
    facts: {
      languages: f([{ language: 'python', affinity: 1 }], 'https://fastapi.tiangolo.com/'),
      runtime: f('CPython (ASGI)', DM + ' (facts table: FastAPI)'),
      concurrencyModel: f('async event loop (ASGI)', DM + ' (facts table: FastAPI)'),
      ioConcurrency: f(4, DM + ' (async I/O APIs for Python teams)'),
      realtime: f(3, S001 + ' (Python with FastAPI and WebSockets)'),
      cpuBound: f(
        2,
        'https://docs.python.org/3/glossary.html#term-global-interpreter-lock (one thread runs Python code at a time)',
      ),
      throughput: f(3, S003 + ' (Python frameworks below Node in requests per second)'),
      tailLatency: f(3, S003),
      memoryEfficiency: f(
        3,
        'https://fastapi.tiangolo.com/deployment/server-workers/ (one process per worker)',
      ),
      coldStart: f(
        3,
        'https://developers.cloudflare.com/workers/languages/python/packages/fastapi/ ; Mangum on Lambda',
      ),
      modularity: f(4, DM + ' (DI supports modular monoliths); ' + S004),
      extensionMechanism: f(
        'dependency injection (Depends) and routers',
        'https://fastapi.tiangolo.com/tutorial/dependencies/',
      ),
      errorHandling: f(
        4,
        'https://fastapi.tiangolo.com/tutorial/handling-errors/ (validated inputs, exception handlers)',
      ),
      relationalData: f(4, 'https://docs.sqlalchemy.org/ (SQLAlchemy, the usual companion)'),
      transactions: f(
        3,
        'https://docs.sqlalchemy.org/en/20/orm/session_transaction.html (wired by the team)',
      ),
      dataLayer: f(
        'SQLAlchemy or SQLModel',
        'https://fastapi.tiangolo.com/tutorial/sql-databases/',
      ),
      backgroundJobs: f(
        3,
        'https://fastapi.tiangolo.com/tutorial/background-tasks/ (Celery for heavy jobs)',
      ),
      jobsLayer: f(
        'Celery or ARQ workers',
        'https://fastapi.tiangolo.com/tutorial/background-tasks/',
      ),
      structure: f(3, S004 + ' (supports modularity, needs team discipline)'),
      learningEase: f(4, 'https://fastapi.tiangolo.com/learn/ (type hints, small core)'),
      abstractionToLearn: f(
        1,
        'https://fastapi.tiangolo.com/tutorial/ (standard type hints plus Depends)',
      ),
      productivity: f(
        4,
        'https://fastapi.tiangolo.com/features/ (validation and OpenAPI from type hints)',
      ),
      libraryQuality: f(4, 'https://pypi.org/ (Pydantic, SQLAlchemy, Starlette)'),
      documentation: f(5, 'https://fastapi.tiangolo.com/'),
      community: f(4, 'https://github.com/fastapi/fastapi'),
      commercialSupport: f(2, S002 + ' (newer, fewer battle-tested operations tools)'),
      upgradeStability: f(
        3,
        'https://fastapi.tiangolo.com/deployment/versions/ (0.x: minor releases may break)',
      ),
      hiringMarket: f(5, SO_SURVEY + ' (Python among the most used)'),
      vendorStability: f(3, DM + ' (newer); https://github.com/fastapi/fastapi'),
      migrationFriendliness: f(5, S001 + ' (async and sync paradigms); OpenAPI generated; DI'),
      deployment: {
        kubernetes: f(5, 'https://fastapi.tiangolo.com/deployment/docker/'),
        serverless: f(3, 'https://github.com/Kludex/mangum (ASGI on Lambda; Python start-up cost)'),
        paas: f(5, 'https://fastapi.tiangolo.com/deployment/cloud/'),
        vm: f(5, 'https://fastapi.tiangolo.com/deployment/server-workers/'),
        edge: f(
          1,
          'https://developers.cloudflare.com/workers/languages/python/packages/fastapi/ (Python Workers, beta)',
        ),
      },
      fits: f(
        [
          'async I/O APIs for Python teams',
          'typed request validation and OpenAPI docs',
          'a modular monolith through DI',
        ],
        DM + ' (facts table: FastAPI)',
      ),
      weakAt: f(
        [
          'fewer battle-tested operations tools',
          'CPU-bound work limited by the GIL in one process',
        ],
        DM + ' (facts table: FastAPI); ' + S002,
      ),
    },
    hardConstraints: {},
  },
  {
    id: 'django',
    displayName: 'Django',
    facts: {
      languages: f([{ language: 'python', affinity: 1 }], 'https://www.djangoproject.com/'),
      runtime: f('CPython (WSGI)', DM + ' (facts table: Django)'),
      concurrencyModel: f('worker-per-request model (WSGI)', DM + ' (facts table: Django)'),
      ioConcurrency: f(2, DM + ' (high concurrency needs extra infrastructure)'),
      realtime: f(2, 'https://channels.readthedocs.io/ (Channels plus a channel layer); ' + S002),
      cpuBound: f(
        2,
        'https://docs.python.org/3/glossary.html#term-global-interpreter-lock ; Celery for heavy work',
      ),
      throughput: f(2, S003 + ' (Django 10,000 rps vs Node 15,000 in the same test)'),
      tailLatency: f(3, S003 + ' (in between Node and Spring)'),
      memoryEfficiency: f(
        3,
        'https://docs.djangoproject.com/en/stable/howto/deployment/wsgi/ (process per worker)',
      ),
      coldStart: f(2, 'https://github.com/zappa/Zappa (full framework import on each cold start)'),
      modularity: f(4, 'https://docs.djangoproject.com/en/stable/ref/applications/ (apps)'),
      extensionMechanism: f(
        'apps, middleware and signals',
        'https://docs.djangoproject.com/en/stable/ref/applications/',
      ),
      errorHandling: f(
        4,
        'https://docs.djangoproject.com/en/stable/topics/http/views/#customizing-error-views',
      ),
      relationalData: f(5, DM + ' (complex relational data via its ORM); ' + S002),
      transactions: f(
        4,
        'https://docs.djangoproject.com/en/stable/topics/db/transactions/ (atomic)',
      ),
      dataLayer: f('the Django ORM', DM + ' (facts table: Django)'),
      backgroundJobs: f(4, DM + ' (Celery for async work)'),
      jobsLayer: f('Celery workers', DM + ' (facts table: Django)'),
      structure: f(5, DM + ' (strong conventions help distributed / high-turnover teams)'),
      learningEase: f(3, S002 + ' (moderate learning curve)'),
      abstractionToLearn: f(3, S002 + ' (batteries included: ORM, admin, apps, settings)'),
      productivity: f(
        5,
        DM + ' (batteries included, admin panels); ' + S003 + ' (admin sped delivery)',
      ),
      libraryQuality: f(5, S003 + ' (batteries included reduces external dependencies)'),
      documentation: f(5, 'https://docs.djangoproject.com/'),
      community: f(5, S002 + ' (large, active community)'),
      commercialSupport: f(
        3,
        'https://www.djangoproject.com/foundation/ (foundation; consultancies)',
      ),
      upgradeStability: f(
        4,
        'https://docs.djangoproject.com/en/dev/internals/release-process/ (LTS, deprecation policy)',
      ),
      hiringMarket: f(5, SO_SURVEY + ' (Python among the most used)'),
      vendorStability: f(5, S004 + ' (active since 2005, Django Software Foundation)'),
      migrationFriendliness: f(3, S000 + ' (tight ORM coupling makes data-layer migration harder)'),
      deployment: {
        kubernetes: f(5, S002 + ' (mature deployment tooling: Gunicorn, Docker images)'),
        serverless: f(2, 'https://github.com/zappa/Zappa (works, with a heavier cold start)'),
        paas: f(5, S002 + ' (mature deployment tooling)'),
        vm: f(5, S002 + ' (mature deployment tooling)'),
        edge: f(0, 'needs a long-running Python WSGI server process'),
      },
      fits: f(
        [
          'content-heavy sites and admin panels',
          'standard CRUD on complex relational data',
          'consistent structure for distributed teams',
        ],
        DM + ' (facts table: Django)',
      ),
      weakAt: f(
        [
          'high concurrency needs extra infrastructure (Celery, Channels)',
          'heavyweight for small APIs',
        ],
        DM + ' (facts table: Django); ' + S002,
      ),
    },
    hardConstraints: {
      edge: f(
        'needs a long-running Python WSGI/ASGI server process; edge runtimes offer none',
        DM + ' (deployment targets); ' + S001,
      ),
    },
  },
  {
    id: 'spring-boot',
    displayName: 'Spring Boot',
    facts: {
      languages: f(
        [
          { language: 'java', affinity: 1 },
          { language: 'kotlin', affinity: 1 },
        ],
        'https://docs.spring.io/spring-boot/ (Java and Kotlin are first-class)',
      ),
      runtime: f('JVM', DM + ' (facts table: Spring Boot)'),
      concurrencyModel: f(
        'thread-per-request model (mature pools)',
        DM + ' (facts table: Spring Boot)',
      ),
      ioConcurrency: f(
        4,
        'https://docs.spring.io/spring-boot/reference/features/task-execution-and-scheduling.html (virtual threads)',
      ),
      realtime: f(
        3,
        'https://docs.spring.io/spring-framework/reference/web/websocket.html (WebSocket, STOMP, WebFlux)',
      ),
      cpuBound: f(5, S003 + ' (outperformed Node by 25% on complex computations, multi-threading)'),
      throughput: f(4, S002 + ' (mature thread pool management, enterprise scale)'),
      tailLatency: f(4, S003 + ' (robust under complex workloads); JIT-warmed'),
      memoryEfficiency: f(2, DM + ' (JVM memory cost)'),
      coldStart: f(
        1,
        DM + ' (JVM startup cost); https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html',
      ),
      modularity: f(5, S004 + ' (component scanning and interface-based injection)'),
      extensionMechanism: f('DI with component scanning', S004),
      errorHandling: f(
        5,
        'https://docs.spring.io/spring-framework/reference/web/webmvc/mvc-controller/ann-exceptionhandler.html',
      ),
      relationalData: f(5, 'https://spring.io/projects/spring-data-jpa'),
      transactions: f(
        5,
        DM +
          ' (complex transactions); https://docs.spring.io/spring-framework/reference/data-access/transaction.html',
      ),
      dataLayer: f(
        'Spring Data JPA with declarative transactions',
        'https://docs.spring.io/spring-framework/reference/data-access/transaction.html',
      ),
      backgroundJobs: f(5, 'https://spring.io/projects/spring-batch'),
      jobsLayer: f('Spring Batch and @Scheduled tasks', 'https://spring.io/projects/spring-batch'),
      structure: f(5, S002 + ' (convention-heavy with annotations)'),
      learningEase: f(1, DM + ' (steep learning curve); ' + S002),
      abstractionToLearn: f(5, S002 + ' (Java plus Spring concepts)'),
      productivity: f(3, S002 + ' (heavyweight; Spring Initializr and starters help)'),
      libraryQuality: f(5, S002 + ' (batteries included: Spring ecosystem)'),
      documentation: f(5, 'https://docs.spring.io/spring-boot/'),
      community: f(5, S002 + ' (common choice in finance, healthcare, large e-commerce)'),
      commercialSupport: f(
        5,
        S003 + ' (strong enterprise backing, reliable patches); https://spring.io/support',
      ),
      upgradeStability: f(
        4,
        'https://spring.io/projects/spring-boot#support (OSS and commercial support windows)',
      ),
      hiringMarket: f(5, SO_SURVEY + ' (Java widely used in enterprises)'),
      vendorStability: f(5, S004 + ' (Spring active since 2002)'),
      migrationFriendliness: f(5, S000 + ' (DI, externalised configuration, DB abstraction)'),
      deployment: {
        kubernetes: f(
          5,
          S003 +
            ' (microservices on containers); https://docs.spring.io/spring-boot/how-to/deployment/cloud.html',
        ),
        serverless: f(
          2,
          DM +
            ' (JVM startup cost: serverless cold starts); ' +
            S003 +
            ' (workable for sporadic traffic); https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html',
        ),
        paas: f(4, 'https://docs.spring.io/spring-boot/how-to/deployment/cloud.html'),
        vm: f(5, 'https://docs.spring.io/spring-boot/how-to/deployment/installing.html'),
        edge: f(0, DM + ' (JVM)'),
      },
      fits: f(
        [
          'enterprise systems with complex transactions',
          'strict security and high reliability',
          'long-lived platforms and modular monoliths through DI',
        ],
        DM + ' (facts table: Spring Boot); ' + S002,
      ),
      weakAt: f(
        [
          'a steep learning curve (Java plus Spring concepts)',
          'JVM memory and startup cost, slow serverless cold starts',
        ],
        DM + ' (facts table: Spring Boot)',
      ),
    },
    hardConstraints: {
      edge: f(
        'needs the JVM; edge runtimes run only JavaScript/WebAssembly isolates',
        DM + ' (JVM startup cost); ' + S001,
      ),
    },
  },
  {
    id: 'go',
    displayName: 'Go (net/http, chi, Gin)',
    facts: {
      languages: f([{ language: 'go', affinity: 1 }], 'https://go.dev/'),
      runtime: f('Go runtime (static binary)', DM + ' (facts table: Go)'),
      concurrencyModel: f('goroutine scheduler', DM + ' (facts table: Go: goroutines)'),
      ioConcurrency: f(5, DM + ' (extreme throughput, low latency)'),
      realtime: f(
        4,
        S000 +
          ' (Go with Gorilla WebSocket evaluated for 150,000 connections); https://go.dev/doc/effective_go#goroutines',
      ),
      cpuBound: f(5, DM + ' (CPU-bound services, predictable performance)'),
      throughput: f(5, DM + ' (extreme throughput); ' + S002),
      tailLatency: f(5, DM + ' (low latency, predictable performance)'),
      memoryEfficiency: f(5, DM + ' (efficient memory); ' + S000 + ' (80% better per instance)'),
      coldStart: f(5, 'https://github.com/aws/aws-lambda-go (static binary, millisecond start)'),
      modularity: f(
        3,
        'https://go.dev/doc/modules/layout (packages and interfaces; no DI framework)',
      ),
      extensionMechanism: f(
        'packages, interfaces and http.Handler middleware',
        'https://pkg.go.dev/net/http',
      ),
      errorHandling: f(
        3,
        'https://go.dev/blog/error-handling-and-go (explicit error values, by discipline)',
      ),
      relationalData: f(
        3,
        'https://pkg.go.dev/database/sql ; https://github.com/jackc/pgx ; https://sqlc.dev',
      ),
      transactions: f(3, 'https://pkg.go.dev/database/sql#Tx (explicit transactions)'),
      dataLayer: f('database/sql, pgx or sqlc', 'https://pkg.go.dev/database/sql'),
      backgroundJobs: f(3, 'https://riverqueue.com/ ; https://github.com/hibiken/asynq'),
      jobsLayer: f('River or asynq workers', 'https://riverqueue.com/'),
      structure: f(
        3,
        'https://go.dev/doc/modules/layout (idioms and gofmt, no framework conventions)',
      ),
      learningEase: f(
        3,
        'https://go.dev/doc/effective_go (small language, new concurrency idioms)',
      ),
      abstractionToLearn: f(
        0,
        'https://pkg.go.dev/net/http (the standard library is the framework)',
      ),
      productivity: f(2, DM + ' (slower prototyping)'),
      libraryQuality: f(
        4,
        'https://pkg.go.dev/std (strong standard library); ' + S002 + ' (smaller ecosystem)',
      ),
      documentation: f(4, 'https://go.dev/doc/'),
      community: f(4, 'https://go.dev/solutions/case-studies'),
      commercialSupport: f(
        3,
        'https://go.dev/ (Google-backed language; framework support from vendors)',
      ),
      upgradeStability: f(5, 'https://go.dev/doc/go1compat (Go 1 compatibility promise)'),
      hiringMarket: f(3, SO_SURVEY + ' (Go used by a minority of developers)'),
      vendorStability: f(5, 'https://go.dev/ (maintained by Google since 2009)'),
      migrationFriendliness: f(4, S000 + ' (standard net/http APIs, explicit wiring)'),
      deployment: {
        kubernetes: f(5, DM + ' (efficient memory, vertical scaling)'),
        serverless: f(5, 'https://github.com/aws/aws-lambda-go'),
        paas: f(4, 'https://go.dev/doc/tutorial/web-service-gin'),
        vm: f(5, DM + ' (static binary, vertical scaling)'),
        edge: f(
          2,
          'https://tinygo.org/docs/guides/webassembly/ (WebAssembly via TinyGo, subset of the library)',
        ),
      },
      fits: f(
        [
          'extreme throughput and low latency',
          'CPU-bound services',
          'efficient memory and predictable performance',
        ],
        DM + ' (facts table: Go)',
      ),
      weakAt: f(
        ['a smaller web ecosystem', 'slower prototyping: more code for common features'],
        DM + ' (facts table: Go)',
      ),
    },
    hardConstraints: {},
  },
  {
    id: 'phoenix',
    displayName: 'Phoenix (Elixir)',
    facts: {
      languages: f([{ language: 'elixir', affinity: 1 }], 'https://www.phoenixframework.org/'),
      runtime: f('BEAM (Erlang VM)', DM + ' (facts table: Phoenix)'),
      concurrencyModel: f('actor model (BEAM processes)', DM + ' (facts table: Phoenix: actors)'),
      ioConcurrency: f(5, DM + ' (very high concurrency)'),
      realtime: f(
        5,
        DM +
          ' (very high-concurrency real-time with per-connection state); ' +
          S000 +
          ' (best under 150,000 connections)',
      ),
      cpuBound: f(
        2,
        'https://www.erlang.org/doc/system/nif.html (number crunching goes to NIFs or ports)',
      ),
      throughput: f(4, S000 + ' (95% faster responses under real-time load)'),
      tailLatency: f(4, S000 + ' (minimal latency for 5,000 players); preemptive scheduler'),
      memoryEfficiency: f(4, S001 + ' (lightweight process per connection with its own memory)'),
      coldStart: f(
        2,
        'https://hexdocs.pm/mix/Mix.Tasks.Release.html (VM boot; long-running releases)',
      ),
      modularity: f(4, 'https://hexdocs.pm/phoenix/contexts.html (contexts); umbrella apps'),
      extensionMechanism: f('contexts and plugs', 'https://hexdocs.pm/phoenix/contexts.html'),
      errorHandling: f(
        5,
        'https://hexdocs.pm/elixir/Supervisor.html (supervision trees isolate failures)',
      ),
      relationalData: f(4, 'https://hexdocs.pm/ecto/'),
      transactions: f(4, 'https://hexdocs.pm/ecto/Ecto.Multi.html'),
      dataLayer: f('Ecto with Ecto.Multi', 'https://hexdocs.pm/ecto/'),
      backgroundJobs: f(4, 'https://hexdocs.pm/oban/'),
      jobsLayer: f('Oban on PostgreSQL', 'https://hexdocs.pm/oban/'),
      structure: f(
        4,
        'https://hexdocs.pm/phoenix/directory_structure.html (generators and contexts)',
      ),
      learningEase: f(1, DM + ' (steep learning curve); ' + S000),
      abstractionToLearn: f(
        3,
        'https://hexdocs.pm/phoenix/overview.html (OTP, contexts, channels, LiveView)',
      ),
      productivity: f(
        4,
        'https://hexdocs.pm/phoenix/Mix.Tasks.Phx.Gen.Html.html (generators); LiveView',
      ),
      libraryQuality: f(
        4,
        'https://hex.pm/ (Ecto, Oban, Broadway: fewer libraries, kept by core teams)',
      ),
      documentation: f(5, 'https://hexdocs.pm/phoenix/ (guides and API docs on HexDocs)'),
      community: f(3, 'https://elixirforum.com/ (small, active community)'),
      commercialSupport: f(2, 'https://dockyard.com/ (few specialist consultancies)'),
      upgradeStability: f(4, 'https://hexdocs.pm/phoenix/changelog.html (stable 1.x line)'),
      hiringMarket: f(1, DM + ' (small hiring market)'),
      vendorStability: f(
        4,
        'https://www.erlang.org/about (OTP maintained by Ericsson since 1998); Phoenix since 2014',
      ),
      migrationFriendliness: f(3, S000 + ' (standard APIs; ecosystem-specific patterns)'),
      deployment: {
        kubernetes: f(
          4,
          'https://hexdocs.pm/phoenix/releases.html (releases in containers; clustering needs care)',
        ),
        serverless: f(
          0,
          S001 + ' (built around long-running processes and persistent connections)',
        ),
        paas: f(4, 'https://fly.io/docs/elixir/'),
        vm: f(5, 'https://hexdocs.pm/phoenix/deployment.html'),
        edge: f(0, 'needs the BEAM virtual machine'),
      },
      fits: f(
        [
          'very high-concurrency real-time with per-connection state',
          'fault isolation through supervision',
        ],
        DM + ' (facts table: Phoenix)',
      ),
      weakAt: f(
        ['a steep learning curve (functional, actor model)', 'a small hiring market'],
        DM + ' (facts table: Phoenix)',
      ),
    },
    hardConstraints: {
      serverless: f(
        'built around a long-running BEAM VM holding processes and connections; functions are short-lived',
        DM + ' (serverless penalises long-running processes, persistent connections); ' + S001,
      ),
      edge: f(
        'needs the BEAM virtual machine; edge runtimes run only JavaScript/WebAssembly isolates',
        DM + ' (deployment targets)',
      ),
    },
  },
  {
    id: 'rails',
    displayName: 'Ruby on Rails',
    facts: {
      languages: f([{ language: 'ruby', affinity: 1 }], 'https://rubyonrails.org/'),
      runtime: f(
        'CRuby (Puma)',
        'https://guides.rubyonrails.org/tuning_performance_for_deployment.html',
      ),
      concurrencyModel: f(
        'worker-per-request model (Puma)',
        S002 + ' (synchronous request-response)',
      ),
      ioConcurrency: f(2, S002 + ' (synchronous model, bottleneck under high concurrency)'),
      realtime: f(
        2,
        'https://guides.rubyonrails.org/action_cable_overview.html (Action Cable; scale needs extra pieces)',
      ),
      cpuBound: f(
        1,
        'https://docs.ruby-lang.org/en/master/Thread.html (global VM lock); ' +
          S000 +
          ' (performance cost)',
      ),
      throughput: f(2, S000 + ' (strong abstractions at some performance cost)'),
      tailLatency: f(2, S000 + ' (performance cost)'),
      memoryEfficiency: f(
        2,
        'https://guides.rubyonrails.org/tuning_performance_for_deployment.html (memory per process)',
      ),
      coldStart: f(1, 'https://github.com/rails-lambda/lamby (full app boot on cold start)'),
      modularity: f(3, 'https://guides.rubyonrails.org/engines.html (engines)'),
      extensionMechanism: f(
        'engines, concerns and Railties',
        'https://guides.rubyonrails.org/engines.html',
      ),
      errorHandling: f(4, 'https://guides.rubyonrails.org/error_reporting.html'),
      relationalData: f(5, S002 + ' (powerful ORM for complex relational queries)'),
      transactions: f(
        4,
        'https://api.rubyonrails.org/classes/ActiveRecord/Transactions/ClassMethods.html',
      ),
      dataLayer: f('Active Record', S002),
      backgroundJobs: f(
        5,
        'https://guides.rubyonrails.org/active_job_basics.html (Solid Queue, Sidekiq)',
      ),
      jobsLayer: f(
        'Active Job with Solid Queue or Sidekiq',
        'https://guides.rubyonrails.org/active_job_basics.html',
      ),
      structure: f(
        5,
        S002 +
          ' (strong conventions for distributed teams); ' +
          S004 +
          ' (convention over configuration)',
      ),
      learningEase: f(4, S004 + ' (conventions reduce cognitive load)'),
      abstractionToLearn: f(4, S004 + ' (conventions to learn; unpredictable when violated)'),
      productivity: f(5, S000 + ' (convention over configuration, complexity scaling)'),
      libraryQuality: f(4, 'https://rubygems.org/ (mature gems for common needs)'),
      documentation: f(4, 'https://guides.rubyonrails.org/'),
      community: f(4, 'https://rubyonrails.org/community'),
      commercialSupport: f(3, 'https://rubyonrails.org/foundation (foundation; consultancies)'),
      upgradeStability: f(
        3,
        'https://guides.rubyonrails.org/upgrading_ruby_on_rails.html (major upgrades take work)',
      ),
      hiringMarket: f(3, SO_SURVEY + ' (Ruby used by a minority of developers)'),
      vendorStability: f(
        4,
        'https://rubyonrails.org/foundation (active since 2004, Rails Foundation)',
      ),
      migrationFriendliness: f(3, S000 + ' (convention-bound; tight Active Record coupling)'),
      deployment: {
        kubernetes: f(
          4,
          'https://guides.rubyonrails.org/getting_started.html#deploying-to-production (Dockerfile included)',
        ),
        serverless: f(1, 'https://github.com/rails-lambda/lamby (possible, with slow cold starts)'),
        paas: f(5, 'https://devcenter.heroku.com/articles/getting-started-with-rails7'),
        vm: f(5, 'https://kamal-deploy.org/'),
        edge: f(0, 'needs a long-running Ruby application server'),
      },
      fits: f(
        [
          'fast delivery of CRUD products',
          'convention over configuration for growing teams',
          'complex relational data through Active Record',
        ],
        S002 + '; ' + S004,
      ),
      weakAt: f(['raw throughput and high concurrency', 'CPU-bound work'], S000 + '; ' + S002),
    },
    hardConstraints: {
      edge: f(
        'needs a long-running Ruby application server; edge runtimes offer none',
        DM + ' (deployment targets)',
      ),
    },
  },
  {
    id: 'laravel',
    displayName: 'Laravel',
    facts: {
      languages: f([{ language: 'php', affinity: 1 }], 'https://laravel.com/'),
      runtime: f('PHP (FPM or Octane)', 'https://laravel.com/docs/deployment'),
      concurrencyModel: f(
        'process-per-request model (PHP-FPM)',
        S002 + ' (synchronous request-response)',
      ),
      ioConcurrency: f(
        2,
        S002 + ' (a PHP team facing high concurrency may retrain on Go or Node.js)',
      ),
      realtime: f(3, 'https://laravel.com/docs/reverb (WebSocket server)'),
      cpuBound: f(2, 'https://laravel.com/docs/queues (heavy work pushed to queue workers)'),
      throughput: f(3, 'https://laravel.com/docs/octane (long-lived workers raise throughput)'),
      tailLatency: f(3, 'https://laravel.com/docs/octane'),
      memoryEfficiency: f(3, 'https://www.php.net/manual/en/install.fpm.php (process pools)'),
      coldStart: f(3, 'https://bref.sh/docs/ (PHP boots per request by design)'),
      modularity: f(4, 'https://laravel.com/docs/container (service container and providers)'),
      extensionMechanism: f(
        'service container and providers',
        'https://laravel.com/docs/providers',
      ),
      errorHandling: f(4, 'https://laravel.com/docs/errors'),
      relationalData: f(4, 'https://laravel.com/docs/eloquent'),
      transactions: f(4, 'https://laravel.com/docs/database#database-transactions'),
      dataLayer: f('Eloquent', 'https://laravel.com/docs/eloquent'),
      backgroundJobs: f(5, 'https://laravel.com/docs/queues ; https://laravel.com/docs/horizon'),
      jobsLayer: f('Laravel queues with Horizon', 'https://laravel.com/docs/queues'),
      structure: f(5, S004 + ' (convention over configuration reduces cognitive load)'),
      learningEase: f(4, S004 + ' (predictable code organisation)'),
      abstractionToLearn: f(
        3,
        'https://laravel.com/docs/facades (facades, container, Eloquent conventions)',
      ),
      productivity: f(5, 'https://laravel.com/docs/starter-kits (batteries included)'),
      libraryQuality: f(
        4,
        'https://laravel.com/docs (first-party packages for queues, auth, billing)',
      ),
      documentation: f(5, 'https://laravel.com/docs'),
      community: f(4, 'https://laracasts.com/ ; https://github.com/laravel/framework'),
      commercialSupport: f(4, 'https://laravel.com/ (company behind Forge, Vapor, Laravel Cloud)'),
      upgradeStability: f(
        3,
        'https://laravel.com/docs/releases (yearly major releases with upgrade guides)',
      ),
      hiringMarket: f(4, SO_SURVEY + ' (PHP widely used)'),
      vendorStability: f(4, 'https://laravel.com/ (backed by Laravel LLC, since 2011)'),
      migrationFriendliness: f(3, S000 + ' (DI container; Eloquent coupling)'),
      deployment: {
        kubernetes: f(4, 'https://laravel.com/docs/deployment'),
        serverless: f(3, 'https://bref.sh/ ; https://vapor.laravel.com/'),
        paas: f(5, 'https://laravel.com/docs/deployment (Forge, Laravel Cloud)'),
        vm: f(5, 'https://laravel.com/docs/deployment'),
        edge: f(0, 'needs a PHP runtime'),
      },
      fits: f(
        [
          'fast delivery of CRUD products and admin back offices',
          'queues and scheduled jobs out of the box',
        ],
        S004 + '; https://laravel.com/docs/queues',
      ),
      weakAt: f(
        [
          'high-concurrency and long-lived connections without Octane/Reverb',
          'CPU-bound work in the request cycle',
        ],
        S002,
      ),
    },
    hardConstraints: {
      edge: f(
        'needs a PHP runtime; edge runtimes run only JavaScript/WebAssembly isolates',
        DM + ' (deployment targets)',
      ),
    },
  },
  {
    id: 'aspnet-core',
    displayName: 'ASP.NET Core',
    facts: {
      languages: f(
        [{ language: 'csharp', affinity: 1 }],
        'https://learn.microsoft.com/aspnet/core/',
      ),
      runtime: f(
        '.NET (CLR)',
        'https://learn.microsoft.com/aspnet/core/fundamentals/servers/kestrel',
      ),
      concurrencyModel: f(
        'async/await thread pool',
        'https://learn.microsoft.com/aspnet/core/fundamentals/best-practices',
      ),
      ioConcurrency: f(
        5,
        'https://learn.microsoft.com/aspnet/core/fundamentals/best-practices (async all the way)',
      ),
      realtime: f(4, 'https://learn.microsoft.com/aspnet/core/signalr/introduction'),
      cpuBound: f(
        4,
        'https://learn.microsoft.com/dotnet/standard/parallel-programming/ (multi-core parallelism)',
      ),
      throughput: f(
        5,
        'https://www.techempower.com/benchmarks/ (among the top mainstream frameworks)',
      ),
      tailLatency: f(4, 'https://www.techempower.com/benchmarks/'),
      memoryEfficiency: f(
        3,
        'https://learn.microsoft.com/dotnet/standard/garbage-collection/ (managed runtime)',
      ),
      coldStart: f(
        2,
        'https://learn.microsoft.com/dotnet/core/deploying/native-aot/ (JIT start; Native AOT helps)',
      ),
      modularity: f(
        5,
        'https://learn.microsoft.com/aspnet/core/fundamentals/dependency-injection (built-in DI)',
      ),
      extensionMechanism: f(
        'built-in DI and middleware pipeline',
        'https://learn.microsoft.com/aspnet/core/fundamentals/middleware/',
      ),
      errorHandling: f(5, 'https://learn.microsoft.com/aspnet/core/fundamentals/error-handling'),
      relationalData: f(5, 'https://learn.microsoft.com/ef/core/'),
      transactions: f(5, 'https://learn.microsoft.com/ef/core/saving/transactions'),
      dataLayer: f('Entity Framework Core', 'https://learn.microsoft.com/ef/core/'),
      backgroundJobs: f(
        4,
        'https://learn.microsoft.com/aspnet/core/fundamentals/host/hosted-services',
      ),
      jobsLayer: f(
        'hosted services or Hangfire',
        'https://learn.microsoft.com/aspnet/core/fundamentals/host/hosted-services',
      ),
      structure: f(4, S004 + ' (controller-service-repository structure)'),
      learningEase: f(
        2,
        'https://learn.microsoft.com/aspnet/core/fundamentals/ (C#, DI, middleware, hosting concepts)',
      ),
      abstractionToLearn: f(
        3,
        'https://learn.microsoft.com/aspnet/core/fundamentals/ (hosting, DI, middleware)',
      ),
      productivity: f(3, 'https://learn.microsoft.com/aspnet/core/fundamentals/minimal-apis'),
      libraryQuality: f(5, 'https://www.nuget.org/ (first-party libraries for most needs)'),
      documentation: f(5, 'https://learn.microsoft.com/aspnet/core/'),
      community: f(4, 'https://github.com/dotnet/aspnetcore'),
      commercialSupport: f(5, 'https://dotnet.microsoft.com/platform/support (Microsoft support)'),
      upgradeStability: f(
        4,
        'https://dotnet.microsoft.com/platform/support/policy/dotnet-core (LTS every two years)',
      ),
      hiringMarket: f(4, SO_SURVEY + ' (C# widely used)'),
      vendorStability: f(5, 'https://dotnet.microsoft.com/ (Microsoft, .NET Foundation)'),
      migrationFriendliness: f(5, S000 + ' (DI, options/configuration, EF Core abstraction)'),
      deployment: {
        kubernetes: f(5, 'https://learn.microsoft.com/dotnet/core/docker/build-container'),
        serverless: f(
          2,
          'https://learn.microsoft.com/dotnet/core/deploying/native-aot/ (cold start without AOT)',
        ),
        paas: f(5, 'https://learn.microsoft.com/azure/app-service/'),
        vm: f(5, 'https://learn.microsoft.com/aspnet/core/host-and-deploy/'),
        edge: f(0, 'needs the .NET runtime'),
      },
      fits: f(
        [
          'enterprise APIs with strong typing and built-in DI',
          'real-time with SignalR',
          'complex transactions through EF Core',
        ],
        S004 + '; https://learn.microsoft.com/aspnet/core/',
      ),
      weakAt: f(
        [
          'a steeper learning curve for teams new to C# and .NET',
          'cold starts on serverless functions without Native AOT',
        ],
        'https://learn.microsoft.com/dotnet/core/deploying/native-aot/',
      ),
    },
    hardConstraints: {
      edge: f(
        'needs the .NET runtime; edge runtimes run only JavaScript/WebAssembly isolates',
        DM + ' (deployment targets)',
      ),
    },
  },
  {
    id: 'axum',
    displayName: 'Axum (Rust)',
    facts: {
      languages: f([{ language: 'rust', affinity: 1 }], 'https://docs.rs/axum'),
      runtime: f('native binary (Rust, tokio)', DM + ' (facts table: Rust, async, compiled)'),
      concurrencyModel: f(
        'compiled async runtime (tokio)',
        DM + ' (facts table: Rust: async, compiled)',
      ),
      ioConcurrency: f(5, DM + ' (extreme performance requirements)'),
      realtime: f(4, 'https://docs.rs/axum/latest/axum/extract/ws/ (WebSocket extractor)'),
      cpuBound: f(5, DM + ' (extreme performance, compiled)'),
      throughput: f(5, DM + ' (extreme performance); ' + S002),
      tailLatency: f(5, DM + ' (extreme performance; no garbage collector)'),
      memoryEfficiency: f(5, DM + ' (compiled, no garbage collector)'),
      coldStart: f(5, 'https://www.cargo-lambda.info/ (native binary, millisecond start)'),
      modularity: f(3, 'https://docs.rs/tower (tower layers and services)'),
      extensionMechanism: f(
        'tower layers and extractors',
        'https://docs.rs/axum/latest/axum/middleware/',
      ),
      errorHandling: f(5, 'https://docs.rs/axum/latest/axum/error_handling/ (typed Result errors)'),
      relationalData: f(3, 'https://github.com/launchbadge/sqlx (compile-time checked SQL)'),
      transactions: f(3, 'https://docs.rs/sqlx/latest/sqlx/struct.Transaction.html'),
      dataLayer: f('sqlx or SeaORM', 'https://github.com/launchbadge/sqlx'),
      backgroundJobs: f(2, DM + ' (smallest ecosystem)'),
      jobsLayer: f('hand-built tokio workers or a young job crate', DM + ' (smallest ecosystem)'),
      structure: f(2, 'https://docs.rs/axum (unopinionated library)'),
      learningEase: f(0, DM + ' (steepest learning curve)'),
      abstractionToLearn: f(
        2,
        'https://docs.rs/axum (extractors and tower services on top of async Rust)',
      ),
      productivity: f(1, DM + ' (steepest learning curve, smallest ecosystem)'),
      libraryQuality: f(3, DM + ' (smallest ecosystem; high-quality core crates)'),
      documentation: f(
        4,
        'https://docs.rs/axum (API docs and examples); https://doc.rust-lang.org/book/',
      ),
      community: f(4, 'https://github.com/tokio-rs/axum (the most used Rust web framework)'),
      commercialSupport: f(1, DM + ' (smallest ecosystem)'),
      upgradeStability: f(
        2,
        'https://github.com/tokio-rs/axum/blob/main/axum/CHANGELOG.md (0.x releases break APIs)',
      ),
      hiringMarket: f(2, SO_SURVEY + ' (Rust used by about one developer in eight)'),
      vendorStability: f(
        3,
        'https://tokio.rs/ (community project; Rust Foundation for the language)',
      ),
      migrationFriendliness: f(4, S000 + ' (standard HTTP via the http and tower crates)'),
      deployment: {
        kubernetes: f(5, DM + ' (compiled, small footprint)'),
        serverless: f(5, 'https://www.cargo-lambda.info/'),
        paas: f(4, 'https://fly.io/docs/rust/'),
        vm: f(5, DM + ' (compiled binary)'),
        edge: f(
          3,
          'https://github.com/cloudflare/workers-rs (axum through WebAssembly, with limits)',
        ),
      },
      fits: f(
        ['extreme performance requirements', 'predictable latency with a small footprint'],
        DM + ' (facts table: Rust)',
      ),
      weakAt: f(
        ['the steepest learning curve', 'the smallest ecosystem and hiring market'],
        DM + ' (facts table: Rust)',
      ),
    },
    hardConstraints: {},
  },
];

export function frameworkEntry(id: FrameworkId): FrameworkEntry {
  const entry = FRAMEWORKS.find((candidate) => candidate.id === id);
  if (!entry) throw new Error(`no catalog entry for framework "${id}"`);
  return entry;
}
