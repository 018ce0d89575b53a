import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { withPortableNode } from './dockerfile.js';
import {
  effectiveEnv,
  keyValueList,
  memoryBytes,
  parseManifests,
  selects,
  single,
} from './k8s-manifests.js';
import type { ConfigMaps } from './k8s-manifests.js';
import { rulesFor } from './ecosystem-rules.js';
import { generatedProject, staticVariants } from './project.js';
import type { GeneratedProject } from './project.js';
import { kubernetesValidate, kustomizeBuild } from './tools.js';

/**
 * Static checks of the generated Kubernetes manifests (contract §2.10, C68): each overlay is
 * rendered with Kustomize, validated strictly against the Kubernetes JSON schemas, then held to
 * the contract's table values.
 */

/** Oldest Kubernetes the contract supports, and the newest schema set the validator ships. */
const KUBERNETES_VERSIONS = ['1.30.0', '1.37.0'] as const;
const OVERLAYS = ['dev', 'prod'] as const;
type Overlay = (typeof OVERLAYS)[number];

const PROBES = {
  startupProbe: {
    httpGet: { path: '/livez', port: 'http' },
    periodSeconds: 2,
    timeoutSeconds: 1,
    failureThreshold: 30,
  },
  livenessProbe: {
    httpGet: { path: '/livez', port: 'http' },
    periodSeconds: 10,
    timeoutSeconds: 2,
    failureThreshold: 3,
  },
  readinessProbe: {
    httpGet: { path: '/readyz', port: 'http' },
    periodSeconds: 5,
    timeoutSeconds: 2,
    failureThreshold: 2,
    successThreshold: 1,
  },
} as const;

/** The one object of a kind that belongs to `component` (server or worker) by its label. */
function ofComponent<T extends { metadata?: { labels?: Record<string, string> } }>(
  objects: unknown[],
  guard: (value: unknown) => value is T,
  what: string,
  component: 'server' | 'worker',
): T {
  return single(
    objects.filter(
      (o) => guard(o) && o.metadata?.labels?.['app.kubernetes.io/component'] === component,
    ),
    guard,
    `${component} ${what}`,
  );
}

/** Keys that mark a value as secret: none may sit in a ConfigMap (C85). */
const SECRET_LOOKING_KEY = /DATABASE_URL|PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE|CREDENTIAL/i;
/** A URL with a password in its userinfo. */
const URL_WITH_PASSWORD = /:\/\/[^/\s:@]+:[^/\s@]+@/;

// One generated project per target and feature set; every check below runs against each.
describe.each(staticVariants())('%s', (_label, variant) => {
  const { target } = variant;
  let project: GeneratedProject;
  let workDir: string;
  const rendered = new Map<Overlay | 'base', { file: string; objects: unknown[] }>();

  async function render(name: Overlay | 'base', kustomizationDir: string): Promise<void> {
    const [command, ...args] = kustomizeBuild();
    const { stdout } = await execa(command, [...args, kustomizationDir], { timeout: 60_000 });
    const file = join(workDir, `${name}.yaml`);
    await writeFile(file, stdout);
    rendered.set(name, { file, objects: parseManifests(stdout) });
  }

  beforeAll(async () => {
    project = await generatedProject(variant);
    workDir = await mkdtemp(join(tmpdir(), 'csb-k8s-'));
    await render('base', join(project.dir, 'k8s', 'base'));
    for (const overlay of OVERLAYS)
      await render(overlay, join(project.dir, 'k8s', 'overlays', overlay));
  }, 120_000);

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
    await project.cleanup();
  });

  function objectsOf(name: Overlay | 'base'): unknown[] {
    const entry = rendered.get(name);
    if (!entry) throw new Error(`${name} was not rendered`);
    return entry.objects;
  }

  describe('schema validation (kubernetes-validate --strict, Kubernetes JSON schemas)', () => {
    it.each(KUBERNETES_VERSIONS)(
      'base, both overlays and the example Secret are valid Kubernetes %s objects',
      async (version) => {
        const files = [...rendered.values()].map((entry) => entry.file);
        files.push(join(project.dir, 'k8s', 'secret.example.yaml'));
        const [command, ...args] = kubernetesValidate();
        const result = await execa(
          command,
          [...args, '--strict', '--quiet', '-k', version, ...files],
          {
            reject: false,
            timeout: 60_000,
          },
        );
        // --quiet prints only failures and warnings; a kind without a schema is a warning: fail it too.
        expect({
          exitCode: result.exitCode,
          output: `${result.stdout}${result.stderr}`.trim(),
        }).toEqual({
          exitCode: 0,
          output: '',
        });
      },
      120_000,
    );
  });

  describe.each(OVERLAYS)('overlay %s', (overlay) => {
    let objects: unknown[];
    let deployment: IDeployment;
    let pod: IPodSpec;
    let app: IContainer;
    let configMaps: ConfigMaps;
    let env: Map<string, string>;

    beforeAll(() => {
      objects = objectsOf(overlay);
      deployment = ofComponent(objects, Deployment.is, 'Deployment', 'server');
      pod = deployment.spec?.template.spec ?? { containers: [] };
      const withHttpPort = pod.containers.filter((c) => c.ports?.some((p) => p.name === 'http'));
      expect(withHttpPort).toHaveLength(1);
      app = withHttpPort[0] as IContainer;
      configMaps = new Map(
        objects.filter(ConfigMap.is).map((cm) => [cm.metadata?.name ?? '', cm.data ?? {}]),
      );
      env = effectiveEnv(app, configMaps);
    });

    const podLabels = () => deployment.spec?.template.metadata?.labels;

    it('C76 rolls out with replicas >= 2, maxUnavailable 0, maxSurge 25%', () => {
      expect(deployment.spec?.replicas).toBeGreaterThanOrEqual(2);
      expect(deployment.spec?.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' },
      });
    });

    it('C77 has exactly the contract probes on the port named http', () => {
      expect({
        startupProbe: app.startupProbe,
        livenessProbe: app.livenessProbe,
        readinessProbe: app.readinessProbe,
      }).toEqual({
        ...PROBES,
        startupProbe: {
          ...PROBES.startupProbe,
          failureThreshold: rulesFor(target).startupFailureThreshold,
        },
      });
    });

    it('C78 grace period covers shutdown delay + drain + 5 s, with no preStop hook', () => {
      const delayMs = Number(env.get('SHUTDOWN_DELAY_MS') ?? 5000);
      const drainMs = Number(env.get('SHUTDOWN_TIMEOUT_MS') ?? 20000);
      expect(delayMs).toBeGreaterThan(0);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
        (delayMs + drainMs) / 1000 + 5,
      );
      expect(app.lifecycle?.preStop).toBeUndefined();
    });

    it('C79 requests cpu and memory, memory limit == request, no cpu limit, runtime memory ceiling from the limit', () => {
      const { requests, limits } = app.resources ?? {};
      expect(requests?.cpu).toBeDefined();
      expect(requests?.memory).toBeDefined();
      expect(limits?.memory).toBe(requests?.memory);
      expect(limits?.cpu).toBeUndefined();
      const ceiling = rulesFor(target).memoryCeiling(
        env,
        memoryBytes(limits?.memory),
        project.dir,
        target.commands.start,
      );
      if (ceiling !== 'automatic' && ceiling !== 'none') {
        // Node: heap at ~75 % of the limit; a runtime that reads the cgroup itself says 'automatic'.
        expect(ceiling).toBeGreaterThanOrEqual(0.7);
        expect(ceiling).toBeLessThanOrEqual(0.8);
      }
    });

    it('C81 names the ports http 8080 and metrics 9464, and scrapes metrics by annotation', () => {
      const ports = Object.fromEntries((app.ports ?? []).map((p) => [p.name, p.containerPort]));
      expect(ports).toEqual({ http: 8080, metrics: 9464 });
      expect(deployment.spec?.template.metadata?.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '9464',
        'prometheus.io/path': '/metrics',
      });
    });

    it('C81 the Service selects the app pods and exposes only the http port', () => {
      const service = single(objects, Service.is, 'Service');
      expect(selects(service.spec?.selector, podLabels())).toBe(true);
      const targets = (service.spec?.ports ?? []).map((p) =>
        typeof p.targetPort === 'string'
          ? (app.ports ?? []).find((cp) => cp.name === p.targetPort)?.containerPort
          : (p.targetPort ?? p.port),
      );
      expect(targets).toEqual([8080]);
    });

    it('C82 PDB allows one unavailable pod and always evicts unhealthy ones', () => {
      const pdb = ofComponent(objects, PodDisruptionBudget.is, 'PodDisruptionBudget', 'server');
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(pdb.spec?.maxUnavailable).toBe(1);
      expect(pdb.spec?.minAvailable).toBeUndefined();
      expect(pdb.spec?.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
      expect(selects(pdb.spec?.selector?.matchLabels, podLabels())).toBe(true);
    });

    it('C83 HPA scales the Deployment 2..10 on 70 % CPU with a 300 s scale-down window', () => {
      const hpa = ofComponent(objects, HorizontalPodAutoscaler.is, 'HPA', 'server');
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec?.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: deployment.metadata?.name,
      });
      expect(hpa.spec?.minReplicas).toBe(2);
      expect(hpa.spec?.maxReplicas).toBe(10);
      expect(hpa.spec?.metrics).toEqual([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ]);
      expect(hpa.spec?.behavior?.scaleDown?.stabilizationWindowSeconds).toBe(300);
    });

    it('C84 spreads pods over zones and nodes without blocking scheduling', () => {
      const constraints = pod.topologySpreadConstraints ?? [];
      expect(constraints.map((c) => c.topologyKey).sort()).toEqual([
        'kubernetes.io/hostname',
        'topology.kubernetes.io/zone',
      ]);
      for (const constraint of constraints) {
        expect(constraint.whenUnsatisfiable).toBe('ScheduleAnyway');
        expect(selects(constraint.labelSelector?.matchLabels, podLabels())).toBe(true);
      }
    });

    it('C85 non-secret config comes from a ConfigMap, DATABASE_URL from a Secret', () => {
      const fromConfigMap = (app.envFrom ?? []).map((source) => source.configMapRef?.name);
      expect(fromConfigMap.length).toBeGreaterThan(0);
      expect(fromConfigMap.every((name) => name !== undefined && configMaps.has(name))).toBe(true);
      const databaseUrl = app.env?.find((variable) => variable.name === 'DATABASE_URL');
      expect(databaseUrl?.valueFrom?.secretKeyRef).toEqual({
        name: expect.any(String),
        key: 'DATABASE_URL',
      });
      for (const [name, data] of configMaps) {
        for (const [key, value] of Object.entries(data)) {
          expect({ configMap: name, key, secretLooking: SECRET_LOOKING_KEY.test(key) }).toEqual({
            configMap: name,
            key,
            secretLooking: false,
          });
          expect(value).not.toMatch(URL_WITH_PASSWORD);
        }
      }
      expect(objects.filter(Secret.is)).toEqual([]);
    });

    it('C85 sets the OTEL_* env with Kubernetes resource attributes and TRUST_PROXY_HOPS=1', () => {
      expect(Object.fromEntries(env)).toMatchObject({
        TRUST_PROXY_HOPS: '1',
        OTEL_SERVICE_NAME: expect.stringMatching(/\S/),
        OTEL_EXPORTER_OTLP_ENDPOINT: expect.stringMatching(/^https?:\/\//),
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_LOGS_EXPORTER: 'none',
        OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0',
        OTEL_EXPORTER_PROMETHEUS_PORT: '9464',
        OTEL_SEMCONV_STABILITY_OPT_IN: 'http,database',
      });
      expect(keyValueList(env.get('OTEL_RESOURCE_ATTRIBUTES'))).toMatchObject({
        'k8s.pod.name': '<fieldRef:metadata.name>',
        'k8s.namespace.name': '<fieldRef:metadata.namespace>',
        'deployment.environment.name': overlay,
      });
    });

    it('C80 runs the Deployment and the migration Job under the restricted profile', () => {
      const job = single(objects, Job.is, 'Job');
      for (const spec of [pod, job.spec?.template.spec]) {
        expect(spec?.automountServiceAccountToken).toBe(false);
        for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
          const effective = { ...spec?.securityContext, ...container.securityContext };
          expect({ container: container.name, ...effective }).toMatchObject({
            container: container.name,
            runAsNonRoot: true,
            runAsUser: 65532,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          });
          const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
          const volume = spec?.volumes?.find((v) => v.name === tmp?.name);
          expect(volume?.emptyDir).toBeDefined();
        }
      }
      const namespace = single(objects, Namespace.is, 'Namespace');
      expect(namespace.metadata?.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    });

    it('C68 migrations run as a Job with the catalog migrate command, same image and config', () => {
      const job: IJob = single(objects, Job.is, 'Job');
      const jobPod = job.spec?.template.spec;
      expect(['Never', 'OnFailure']).toContain(jobPod?.restartPolicy);
      const [migrate, ...others] = jobPod?.containers ?? [];
      expect(others).toHaveLength(0);
      expect(migrate?.image).toBe(app.image);
      expect(withPortableNode([...(migrate?.command ?? []), ...(migrate?.args ?? [])])).toEqual([
        ...target.commands.migrate,
      ]);
      const jobEnv = effectiveEnv(migrate as IContainer, configMaps);
      expect(jobEnv.get('DATABASE_URL')).toBe(env.get('DATABASE_URL'));
      expect(
        selects(
          single(objects, Service.is, 'Service').spec?.selector,
          job.spec?.template.metadata?.labels,
        ),
      ).toBe(false);
    });

    describe('job worker (the jobs feature)', () => {
      const workers = () =>
        objects.filter(
          (o): o is IDeployment =>
            Deployment.is(o) && o.metadata?.labels?.['app.kubernetes.io/component'] === 'worker',
        );
      const withJobs = variant.features.includes('jobs');

      it('has a worker Deployment exactly when the jobs feature is on', () => {
        expect(workers()).toHaveLength(withJobs ? 1 : 0);
      });

      it('runs the same image with the catalog worker command, probes, restricted profile and secrets', () => {
        if (!withJobs) return;
        const worker = workers()[0]!;
        const spec = worker.spec?.template.spec;
        const [container, ...others] = spec?.containers ?? [];
        expect(others).toHaveLength(0);
        expect(container?.image).toBe(app.image);
        expect(
          withPortableNode([...(container?.command ?? []), ...(container?.args ?? [])]),
        ).toEqual([...(target.commands.worker ?? ['<no worker command in the catalog>'])]);
        expect({
          startupProbe: container?.startupProbe,
          livenessProbe: container?.livenessProbe,
          readinessProbe: container?.readinessProbe,
        }).toEqual(PROBES);
        const effective = { ...spec?.securityContext, ...container?.securityContext };
        expect(effective).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(spec?.automountServiceAccountToken).toBe(false);
        const workerEnv = effectiveEnv(container as IContainer, configMaps);
        expect(workerEnv.get('DATABASE_URL')).toBe(env.get('DATABASE_URL'));
        expect(workerEnv.get('REDIS_URL')).toMatch(/^<secret:/);
        // Running jobs get WORKER_STOP_TIMEOUT_MS, then 15 s to hand back, close and flush.
        const stopMs = Number(workerEnv.get('WORKER_STOP_TIMEOUT_MS') ?? 20000);
        expect(spec?.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(stopMs / 1000 + 15);
        // Never behind the Service: it takes no traffic.
        expect(
          selects(
            single(objects, Service.is, 'Service').spec?.selector,
            worker.spec?.template.metadata?.labels,
          ),
        ).toBe(false);
      });

      it('autoscales the worker on CPU and keeps a PDB for it', () => {
        if (!withJobs) return;
        const worker = workers()[0]!;
        const hpa = ofComponent(objects, HorizontalPodAutoscaler.is, 'HPA', 'worker');
        expect(hpa.spec?.scaleTargetRef).toEqual({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: worker.metadata?.name,
        });
        expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(1);
        expect(hpa.spec?.maxReplicas).toBeGreaterThan(hpa.spec?.minReplicas ?? 1);
        const pdb = ofComponent(objects, PodDisruptionBudget.is, 'PodDisruptionBudget', 'worker');
        expect(
          selects(pdb.spec?.selector?.matchLabels, worker.spec?.template.metadata?.labels),
        ).toBe(true);
      });
    });
  });

  describe('example Secret (k8s/secret.example.yaml)', () => {
    it('has one Secret per secret the Deployments reference, holding placeholders, not credentials', async () => {
      const documents = parseManifests(
        await readFile(join(project.dir, 'k8s', 'secret.example.yaml'), 'utf8'),
      );
      const secrets = documents.filter(Secret.is);
      const references = objectsOf('prod')
        .filter(Deployment.is)
        .flatMap((deployment) => deployment.spec?.template.spec?.containers ?? [])
        .flatMap((container) => container.env ?? [])
        .flatMap((variable) => {
          const ref = variable.valueFrom?.secretKeyRef;
          return ref ? [`${ref.name}/${ref.key}`] : [];
        });
      const examples = secrets.flatMap((secret) =>
        Object.keys(secret.stringData ?? {}).map((key) => `${secret.metadata?.name}/${key}`),
      );
      expect([...new Set(examples)].sort()).toEqual([...new Set(references)].sort());
      for (const secret of secrets) {
        expect(secret.data).toBeUndefined();
        for (const [key, value] of Object.entries(secret.stringData ?? {})) {
          // A URL whose userinfo is upper-case placeholder words (USER:PASSWORD), or a placeholder
          // word itself (REPLACE-WITH-A-RANDOM-TOKEN).
          expect({ key, value }).toEqual({
            key,
            value: expect.stringMatching(
              /^((postgres(ql)?|rediss?):\/\/([A-Z_]*:[A-Z_]+@)?[A-Z_]+(:\d+)?\/[A-Z_0-9]+|[A-Z][A-Z0-9_-]+)$/,
            ),
          });
        }
      }
    });
  });
});
