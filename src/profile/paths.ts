/** Dotted-path access on plain objects (profiles are plain JSON data). */
export function getPath(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = object;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  current[keys[keys.length - 1]!] = value;
}

/** Deep merge of plain objects; later layers win; arrays and scalars are replaced, not merged. */
export function mergeLayers<T>(...layers: readonly unknown[]): T {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    if (layer === null || typeof layer !== 'object') continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const prior = out[key];
      out[key] =
        isPlainObject(value) && isPlainObject(prior) && key !== 'skills'
          ? mergeLayers(prior, value)
          : structuredClone(value);
    }
  }
  return out as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
