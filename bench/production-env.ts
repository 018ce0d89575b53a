import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { dockerfileEnv } from '../test/conformance/harness/app-process.js';

/** Kustomizations whose ConfigMap literals a production pod receives, base first, overlay last. */
const KUSTOMIZATIONS = ['k8s/base/kustomization.yaml', 'k8s/overlays/prod/kustomization.yaml'];

interface Kustomization {
  configMapGenerator?: { literals?: string[] }[];
}

function configMapLiterals(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  const document = parse(fs.readFileSync(file, 'utf8')) as Kustomization | null;
  const env: Record<string, string> = {};
  for (const generator of document?.configMapGenerator ?? []) {
    for (const literal of generator.literals ?? []) {
      const separator = literal.indexOf('=');
      if (separator > 0) env[literal.slice(0, separator)] = literal.slice(separator + 1);
    }
  }
  return env;
}

/**
 * The environment the generated project ships for production, read from its own files: the
 * Dockerfile's final-stage ENV, then the Kubernetes base and prod overlay ConfigMaps (which
 * set, e.g., the production trace sampler). Secrets and pod-specific values are not included.
 */
export function productionEnv(projectDir: string): Record<string, string> {
  const env = { ...dockerfileEnv(projectDir) };
  for (const file of KUSTOMIZATIONS)
    Object.assign(env, configMapLiterals(path.join(projectDir, file)));
  return env;
}
