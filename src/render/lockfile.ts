/**
 * Prunes an npm lockfile (v3) to what a package.json needs. A target commits one lockfile that
 * holds every optional feature's packages (realtime, jobs, cache); the rendered package.json only
 * lists the features that are on, and the lockfile is cut down to match, so `npm ci` installs
 * exactly those, offline-reproducibly, without resolving anything at generation time.
 */

/** The lockfile fields this module reads or writes; every other field is kept as it is. */
export interface LockEntry {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  [field: string]: unknown;
}

export interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
  [field: string]: unknown;
}

export interface PackageManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [field: string]: unknown;
}

const ROOT = '';
const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;

/** `node_modules/a/node_modules/b` → `node_modules/a`; `node_modules/a` → the root. */
function parentOf(path: string): string {
  const index = path.lastIndexOf('/node_modules/');
  return index < 0 ? ROOT : path.slice(0, index);
}

/** Where Node (and npm) finds `name` required from the package at `from`: nearest node_modules up. */
export function resolveEntry(
  packages: Record<string, LockEntry>,
  from: string,
  name: string,
): string | undefined {
  for (let dir = from; ; dir = parentOf(dir)) {
    const candidate = dir === ROOT ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (dir === ROOT) return undefined;
  }
}

/** Names an installed package pulls in: its dependencies, optional ones and required peers. */
function edgesOf(entry: LockEntry): string[] {
  const requiredPeers = Object.keys(entry.peerDependencies ?? {}).filter(
    (name) => entry.peerDependenciesMeta?.[name]?.optional !== true,
  );
  return [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...requiredPeers,
  ];
}

/** Every lockfile path reachable from `roots` (names required from the project root). */
function reachable(packages: Record<string, LockEntry>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue: [from: string, name: string][] = roots.map((name) => [ROOT, name]);
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const [from, name] = item;
    const path = resolveEntry(packages, from, name);
    if (path === undefined || seen.has(path)) continue; // an optional package absent on purpose
    seen.add(path);
    for (const next of edgesOf(packages[path]!)) queue.push([path, next]);
  }
  return seen;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** Sets or clears `dev`, where npm puts it (after `integrity`), keeping every other key in place. */
function withDevFlag(entry: LockEntry, dev: boolean): LockEntry {
  if ((entry.dev === true) === dev) return entry;
  const result: LockEntry = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'dev') continue;
    result[key] = value;
    if (dev && key === 'integrity') result.dev = true;
  }
  if (dev && result.dev === undefined) result.dev = true;
  return result;
}

/**
 * The lockfile `npm install` would have written for `manifest`, given that `lock` was written for
 * a superset of its dependencies: the root entry takes the manifest's dependency lists, packages
 * no longer reachable are dropped, and `dev` is recomputed (a package only dev tools need is
 * `dev: true`, so `npm ci --omit=dev` leaves it out of the production image).
 */
export function pruneLockfile(lock: Lockfile, manifest: PackageManifest): Lockfile {
  const root: LockEntry = { ...lock.packages[ROOT] };
  for (const field of DEPENDENCY_FIELDS) root[field] = manifest[field];
  const packages: Record<string, LockEntry> = { ...lock.packages, [ROOT]: root };

  const production = reachable(packages, [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const development = reachable(packages, Object.keys(manifest.devDependencies ?? {}));

  const pruned: Record<string, LockEntry> = { [ROOT]: withoutUndefined(root) };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === ROOT) continue;
    if (!production.has(path) && !development.has(path)) continue;
    // Optional-only packages carry npm's `optional`/`devOptional` flags: left as npm wrote them.
    if (entry.optional === true || entry.devOptional === true) {
      pruned[path] = entry;
      continue;
    }
    pruned[path] = withDevFlag(entry, !production.has(path));
  }
  return { ...lock, packages: pruned };
}

/** npm's own formatting: two-space JSON and a final newline. */
export function serializeLockfile(lock: Lockfile): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}
