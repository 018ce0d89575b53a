import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Copy, Env, Healthcheck, JSONInstruction, Label } from 'dockerfile-ast';
import type { Ignore } from '@balena/dockerignore';
import { execa } from 'execa';
import {
  byKeyword,
  execFormArgv,
  parseDockerfile,
  stagesOf,
  withPortableNode,
} from './dockerfile.js';
import type { Stage } from './dockerfile.js';
import { selectedTargets } from '../harness/rows.js';
import { generatedProject } from './project.js';
import type { GeneratedProject } from './project.js';

// CommonJS (`module.exports = factory`) typed as a default export: require gives the factory.
const dockerignore = createRequire(import.meta.url)('@balena/dockerignore') as () => Ignore;

/** Package managers, compilers and shells that must not run in the final image (C69). */
const FORBIDDEN_AT_RUNTIME =
  /\b(npm|npx|pnpm|yarn|corepack|apt|apt-get|apk|dnf|gcc|g\+\+|make|sh|bash)\b/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * What differs between ecosystems' images: the runtime base, the build stage's steps, the
 * in-image HEALTHCHECK client (its argv, and how to run its source here against a stub server),
 * the production ENV, and the host build output .dockerignore must keep out (and sources it must
 * keep in).
 */
interface EcosystemImage {
  runtimeImage: RegExp;
  buildSteps: RegExp[];
  healthcheckArgv: string[];
  clientCommand: (projectDir: string) => string[];
  productionEnv: Record<string, string>;
  ignored: string[];
  kept: string[];
}

const ECOSYSTEM_IMAGES: Record<string, EcosystemImage> = {
  node: {
    runtimeImage: /(nodejs|node:)24/,
    buildSteps: [/\bnpm ci\b/, /\bnpm run build\b/, /\bnpm prune --omit=dev\b/],
    healthcheckArgv: ['node', 'dist/healthcheck.js'],
    clientCommand: (dir) => [process.execPath, join(dir, 'src', 'healthcheck.ts')],
    productionEnv: { NODE_ENV: 'production' },
    ignored: ['node_modules/fastify/package.json', 'dist/main.js', 'coverage/lcov.info'],
    kept: ['package.json', 'package-lock.json', 'tsconfig.json', 'src/main.ts'],
  },
  jvm: {
    runtimeImage: /java(17|21|25)/,
    buildSteps: [/\bmvn\b.*dependency:go-offline/, /\bmvn\b.*\bpackage\b/],
    healthcheckArgv: ['java', '-cp', 'target/app/app.jar', 'com.example.app.Healthcheck'],
    // Java's single-file source launcher runs the client straight from its source.
    clientCommand: (dir) => ['java', join(dir, 'src/main/java/com/example/app/Healthcheck.java')],
    productionEnv: {},
    ignored: ['target/app.jar', 'target/classes/com/example/app/Application.class'],
    kept: ['pom.xml', 'src/main/java/com/example/app/Application.java'],
  },
};

// One generated project per target; every check below runs against each.
describe.each(selectedTargets())('%s', (_id, target) => {
  const image = ECOSYSTEM_IMAGES[target.ecosystem];
  if (image === undefined) throw new Error(`no image rules for the ${target.ecosystem} ecosystem`);
  let project: GeneratedProject;
  let stages: Stage[];
  let runtime: Stage;

  beforeAll(async () => {
    project = await generatedProject(target);
    const content = await readFile(join(project.dir, 'Dockerfile'), 'utf8');
    stages = stagesOf(parseDockerfile(content));
    const last = stages.at(-1);
    if (!last) throw new Error('Dockerfile has no FROM');
    runtime = last;
  }, 120_000);

  afterAll(() => project.cleanup());

  function stageNames(): Set<string> {
    return new Set(stages.flatMap((stage) => (stage.name ? [stage.name] : [])));
  }

  function runtimeArgv(keyword: 'ENTRYPOINT' | 'CMD'): string[] | null {
    const [instruction, ...more] = byKeyword(runtime, keyword) as JSONInstruction[];
    expect(more).toHaveLength(0);
    if (!instruction) return null;
    const argv = execFormArgv(instruction.getArgumentsContent());
    expect(argv).not.toBeNull();
    return argv;
  }

  describe('C69 multi-stage, minimal, digest-pinned', () => {
    it('builds in earlier stages and starts the final stage from an external image', () => {
      expect(stages.length).toBeGreaterThanOrEqual(2);
      expect(stageNames().has(runtime.from.getImage() ?? '')).toBe(false);
    });

    it('pins every external base image by digest (C92 too)', () => {
      const external = stages.filter((stage) => !stageNames().has(stage.from.getImage() ?? ''));
      expect(external.length).toBeGreaterThanOrEqual(2);
      for (const stage of external) {
        expect({ image: stage.from.getImage(), digest: stage.from.getImageDigest() }).toEqual({
          image: stage.from.getImage(),
          digest: expect.stringMatching(DIGEST),
        });
      }
    });

    it("runs on a minimal runtime image of the target's runtime", () => {
      const name = `${runtime.from.getRegistry() ?? ''}/${runtime.from.getImageName() ?? ''}:${runtime.from.getImageTag() ?? ''}`;
      expect(name).toMatch(/distroless|chainguard|wolfi|-slim/);
      expect(name).toMatch(image.runtimeImage);
    });

    it('installs from the lockfile and builds (pruning dev dependencies) before the final stage', () => {
      const buildRuns = stages
        .slice(0, -1)
        .flatMap((stage) => byKeyword(stage, 'RUN'))
        .map((run) => run.getArgumentsContent() ?? '');
      for (const step of image.buildSteps) {
        expect({ step: String(step), found: buildRuns.some((run) => step.test(run)) }).toEqual({
          step: String(step),
          found: true,
        });
      }
    });

    it('has no package manager, compiler or shell in the final stage commands', () => {
      expect(byKeyword(runtime, 'RUN')).toHaveLength(0);
      const healthcheck = byKeyword(runtime, 'HEALTHCHECK')[0]?.getArgumentsContent() ?? '';
      for (const text of [
        ...(runtimeArgv('ENTRYPOINT') ?? []),
        ...(runtimeArgv('CMD') ?? []),
        healthcheck,
      ]) {
        expect(text).not.toMatch(FORBIDDEN_AT_RUNTIME);
      }
    });

    it('copies only build output into the final stage, never package-manager files', () => {
      const copies = byKeyword(runtime, 'COPY') as Copy[];
      expect(copies.length).toBeGreaterThan(0);
      for (const copy of copies) {
        const from = copy.getFromFlag()?.getValue();
        expect(from !== undefined && from !== null && stageNames().has(from)).toBe(true);
        const sources = copy
          .getArguments()
          .slice(0, -1)
          .map((argument) => argument.getValue());
        for (const source of sources) {
          expect(source).not.toMatch(/npm|npx|corepack|yarn|pnpm|\/usr\/(local\/)?bin/);
          expect(source).not.toMatch(/^\/?(app\/?)?\.?$/); // not the whole build tree
        }
      }
    });
  });

  describe('C70 non-root numeric user', () => {
    it('sets USER to the numeric uid:gid 65532', () => {
      const user = byKeyword(runtime, 'USER').at(-1)?.getArgumentsContent();
      expect(user).toMatch(/^\d+(:\d+)?$/);
      expect(user?.split(':')[0]).toBe('65532');
    });
  });

  describe('C71 exec-form start', () => {
    it('starts the runtime directly with the catalog start command', () => {
      const entrypoint = runtimeArgv('ENTRYPOINT');
      const cmd = runtimeArgv('CMD');
      expect(entrypoint).not.toBeNull();
      const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
      expect(withPortableNode(argv)).toEqual([...target.commands.start]);
    });
  });

  describe('C72 HEALTHCHECK', () => {
    let healthcheck: Healthcheck;

    beforeAll(() => {
      const found = byKeyword(runtime, 'HEALTHCHECK') as Healthcheck[];
      expect(found).toHaveLength(1);
      healthcheck = found[0] as Healthcheck;
    });

    it('uses exactly the contract parameters', () => {
      const flags = Object.fromEntries(
        healthcheck.getFlags().map((flag) => [flag.getName(), flag.getValue()]),
      );
      expect(flags).toEqual({
        interval: '30s',
        timeout: '3s',
        'start-period': '30s',
        retries: '3',
      });
    });

    it('runs the in-image client in exec form', () => {
      expect(healthcheck.getSubcommand()?.getValue()).toBe('CMD');
      const content = healthcheck.getArgumentsContent() ?? '';
      const argv = execFormArgv(content.replace(/^\s*CMD\s+/, ''));
      expect(argv).not.toBeNull();
      expect(withPortableNode(argv ?? [])).toEqual(image.healthcheckArgv);
    });

    describe('the client, run from its source', () => {
      const run = (port: string) =>
        execa(image.clientCommand(project.dir)[0]!, image.clientCommand(project.dir).slice(1), {
          env: { PORT: port },
          reject: false,
          timeout: 15_000,
        });

      async function withServer(status: number, body: (port: number) => Promise<void>) {
        const paths: string[] = [];
        const server = createServer((req, res) => {
          paths.push(`${req.socket.localAddress} ${req.method} ${req.url}`);
          res.statusCode = status;
          res.end();
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        try {
          await body((server.address() as AddressInfo).port);
        } finally {
          await new Promise((resolve) => server.close(resolve));
        }
        return paths;
      }

      it('exits 0 when GET http://127.0.0.1:$PORT/livez answers 200', async () => {
        const seen = await withServer(200, async (port) => {
          expect((await run(String(port))).exitCode).toBe(0);
        });
        expect(seen).toEqual(['127.0.0.1 GET /livez']);
      }, 30_000);

      it('exits 1 when /livez answers 503', async () => {
        await withServer(503, async (port) => {
          expect((await run(String(port))).exitCode).toBe(1);
        });
      }, 30_000);

      it('exits 1 when nothing listens or PORT is invalid', async () => {
        let freePort = 0;
        await withServer(200, async (port) => {
          freePort = port;
        });
        expect((await run(String(freePort))).exitCode).toBe(1);
        expect((await run('not-a-port')).exitCode).toBe(1);
      }, 30_000);
    });
  });

  describe('C74 metadata and ignore file', () => {
    it('exposes the app and metrics ports', () => {
      const exposed = byKeyword(runtime, 'EXPOSE').flatMap((expose) =>
        expose.getArguments().map((argument) => argument.getValue()),
      );
      expect(exposed.sort()).toEqual(['8080', '9464']);
    });

    it('sets the OCI labels from build args', () => {
      const args = new Set(
        byKeyword(runtime, 'ARG').map((arg) => (arg.getArgumentsContent() ?? '').split('=')[0]),
      );
      const labels = Object.fromEntries(
        (byKeyword(runtime, 'LABEL') as Label[]).flatMap((label) =>
          label.getProperties().map((property) => [property.getName(), property.getValue()]),
        ),
      );
      for (const key of ['source', 'revision', 'version', 'created']) {
        const value = labels[`org.opencontainers.image.${key}`];
        const reference = /^"?\$\{?(\w+)\}?"?$/.exec(value ?? '');
        expect({ key, fromBuildArg: reference !== null && args.has(reference[1] ?? '') }).toEqual({
          key,
          fromBuildArg: true,
        });
      }
    });

    it('sets the production and OpenTelemetry environment of the contract', () => {
      const env = Object.fromEntries(
        (byKeyword(runtime, 'ENV') as Env[]).flatMap((instruction) =>
          instruction.getProperties().map((property) => [property.getName(), property.getValue()]),
        ),
      );
      expect(env).toMatchObject({
        ...image.productionEnv,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_LOGS_EXPORTER: 'none',
        OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0',
        OTEL_SEMCONV_STABILITY_OPT_IN: 'http,database',
      });
    });

    it('.dockerignore keeps VCS data, env files and host build output out of the context', async () => {
      const rules = dockerignore().add(await readFile(join(project.dir, '.dockerignore'), 'utf8'));
      for (const path of [
        '.git',
        '.git/HEAD',
        '.env',
        '.env.local',
        '.env.production',
        ...image.ignored,
      ]) {
        expect({ path, ignored: rules.ignores(path) }).toEqual({ path, ignored: true });
      }
      for (const path of image.kept) {
        expect({ path, ignored: rules.ignores(path) }).toEqual({ path, ignored: false });
      }
    });
  });
});
