import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generatedProject, staticVariants } from './project.js';
import type { GeneratedProject } from './project.js';

/**
 * The local observability stack (compose.yaml): what it needs exists in the project, images are
 * pinned, nothing listens beyond loopback, and traces reach the trace UI.
 */

interface ComposeService {
  image?: string;
  build?: unknown;
  ports?: string[];
  volumes?: string[];
  profiles?: string[];
}

// One generated project per target and feature set; every check below runs against each.
describe.each(staticVariants())('%s', (_label, variant) => {
  let project: GeneratedProject;
  let services: Record<string, ComposeService>;

  beforeAll(async () => {
    project = await generatedProject(variant);
    const compose = parse(await readFile(join(project.dir, 'compose.yaml'), 'utf8')) as {
      services: Record<string, ComposeService>;
    };
    services = compose.services;
  }, 120_000);

  afterAll(() => project.cleanup());

  const readYaml = async (path: string) =>
    parse(await readFile(join(project.dir, path), 'utf8')) as unknown;

  it('runs PostgreSQL, an OpenTelemetry Collector and a trace UI', () => {
    const images = Object.values(services).map((service) => service.image ?? '');
    expect(images.some((image) => image.startsWith('postgres:'))).toBe(true);
    expect(images.some((image) => image.startsWith('otel/opentelemetry-collector'))).toBe(true);
    expect(images.some((image) => image.startsWith('jaegertracing/jaeger:'))).toBe(true);
  });

  it('pins every image to an explicit version tag', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[^:@\s]+:v?\d+\.\d+(\.\d+)?[\w.-]*(@sha256:[0-9a-f]{64})?$/),
      });
    }
  });

  it('publishes ports on 127.0.0.1 only', () => {
    for (const service of Object.values(services)) {
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    }
  });

  it('mounts only files and folders that exist in the project', () => {
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (!source.startsWith('./')) continue; // a named volume
        expect({ source, exists: existsSync(join(project.dir, source)) }).toEqual({
          source,
          exists: true,
        });
      }
    }
  });

  it('sends traces from the collector to Jaeger and scrapes the metrics port', async () => {
    const collector = (await readYaml('ops/otel-collector/config.yaml')) as {
      exporters: Record<string, { endpoint?: string }>;
      service: { pipelines: Record<string, { receivers: string[]; exporters: string[] }> };
    };
    const traces = collector.service.pipelines.traces;
    expect(traces?.receivers).toContain('otlp');
    const endpoints = (traces?.exporters ?? []).map((name) => collector.exporters[name]?.endpoint);
    expect(endpoints).toContain('jaeger:4317');

    const prometheus = (await readYaml('ops/prometheus/prometheus.yml')) as {
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    const targets = prometheus.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((config) => config.targets),
    );
    expect(targets.some((target) => target.endsWith(':9464'))).toBe(true);
  });
});
