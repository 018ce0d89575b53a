import type { CacheMetrics, CacheOperation, CacheStore } from '../../src/platform/cache/cache.ts';

/**
 * The Redis store's behaviour in memory (redis-store.ts): one entry per key holding the
 * invalidation token and the variants, a TTL set by the first write, and the token check on write.
 * Tests switch it off (`available`) or make it fail (`failWith`), and read `operations`.
 */
export interface MemoryCacheStore extends CacheStore {
  available: boolean;
  /** While set, every operation rejects with it (a Redis that answers with errors or times out). */
  failWith: Error | undefined;
  /** Every operation that reached the store, e.g. `read app:notes:a`. */
  readonly operations: string[];
  /** The raw stored value, for assertions and for planting corrupt entries. */
  peek(key: string, variant?: string): string | undefined;
  plant(key: string, variant: string, value: string): void;
}

interface Entry {
  token: string | undefined;
  readonly values: Map<string, string>;
  expiresAt: number | undefined;
}

export function memoryCacheStore(now: () => number = Date.now): MemoryCacheStore {
  const entries = new Map<string, Entry>();
  let tokens = 0;

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  const store: MemoryCacheStore = {
    available: true,
    failWith: undefined,
    operations: [],

    async read(key, variant) {
      store.operations.push(`read ${key}`);
      if (store.failWith) throw store.failWith;
      const entry = live(key);
      return { value: entry?.values.get(variant), token: entry?.token };
    },

    async write(key, variant, value, token, ttlSeconds) {
      store.operations.push(`write ${key}`);
      if (store.failWith) throw store.failWith;
      const entry = live(key) ?? { token: undefined, values: new Map(), expiresAt: undefined };
      if (entry.token !== token) return;
      entry.values.set(variant, value);
      entry.expiresAt ??= now() + ttlSeconds * 1000;
      entries.set(key, entry);
    },

    async invalidate(keys, ttlSeconds) {
      store.operations.push(`invalidate ${keys.join(' ')}`);
      if (store.failWith) throw store.failWith;
      for (const key of keys) {
        tokens += 1;
        entries.set(key, {
          token: `token-${tokens}`,
          values: new Map(),
          expiresAt: now() + ttlSeconds * 1000,
        });
      }
    },

    peek: (key, variant = '') => live(key)?.values.get(variant),
    plant(key, variant, value) {
      const entry = live(key) ?? { token: undefined, values: new Map(), expiresAt: undefined };
      entry.values.set(variant, value);
      entries.set(key, entry);
    },
  };
  return store;
}

/** CacheMetrics that count, by `<metric> <module>[ <operation>]`. */
export function countingMetrics(): CacheMetrics & { readonly counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const add = (name: string) => {
    counts[name] = (counts[name] ?? 0) + 1;
  };
  return {
    counts,
    hit: (module) => add(`hits ${module}`),
    miss: (module) => add(`misses ${module}`),
    error: (module, operation: CacheOperation) => add(`errors ${module} ${operation}`),
  };
}
