import fs from 'node:fs';
import path from 'node:path';
import { httpRequest } from '../test/conformance/harness/http-client.js';

const NOT_A_MODULE_ROUTE = /^\/(livez|readyz|healthz|metrics)\b/;

function loadTestDefaults(projectDir: string): string[] {
  const scripts = path.join(projectDir, 'scripts');
  if (!fs.existsSync(scripts)) return [];
  return fs
    .readdirSync(scripts)
    .filter((name) => name.startsWith('loadtest'))
    .flatMap((name) => [
      ...fs
        .readFileSync(path.join(scripts, name), 'utf8')
        .matchAll(/https?:\/\/127\.0\.0\.1:\d+(\/[\w\-/]*)/g),
    ])
    .map((match) => match[1]!);
}

function readmeRoutes(projectDir: string): string[] {
  const readme = path.join(projectDir, 'README.md');
  if (!fs.existsSync(readme)) return [];
  return [...fs.readFileSync(readme, 'utf8').matchAll(/\bGET\s+(\/[\w\-/]*)/g)].map(
    (match) => match[1]!,
  );
}

function moduleFolders(projectDir: string): string[] {
  const modules = path.join(projectDir, 'src/modules');
  if (!fs.existsSync(modules)) return [];
  return fs
    .readdirSync(modules, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `/${entry.name}`);
}

/**
 * Candidate paths of the example module's list route, from what the generated project says
 * about itself: its own load-test script's default URL, GET routes named in its README, then
 * one path per folder in src/modules. Route templates with parameters are skipped.
 */
export function moduleRouteCandidates(projectDir: string): string[] {
  const all = [
    ...loadTestDefaults(projectDir),
    ...readmeRoutes(projectDir),
    ...moduleFolders(projectDir),
  ];
  return [...new Set(all)].filter(
    (route) => route !== '/' && !NOT_A_MODULE_ROUTE.test(route) && !route.includes(':'),
  );
}

/** The first candidate a running server answers 200 with JSON on. */
export async function pickModuleRoute(
  port: number,
  candidates: readonly string[],
): Promise<string | undefined> {
  for (const candidate of candidates) {
    const response = await httpRequest(port, candidate, { timeoutMs: 5000 }).catch(() => undefined);
    if (response?.status === 200 && /json/.test(String(response.headers['content-type'])))
      return candidate;
  }
  return undefined;
}
