/**
 * Read-through cache for the modules (docs/cache.md). A module takes its namespace from its
 * dependencies, reads through it, and invalidates what a write changed once the write committed:
 *
 *   const cache = deps.cache.forModule('notes');
 *   const note = await cache.getOrLoad(`note:${id}`, () => repository.findById(id));
 *   await cache.invalidate([`note:${id}`]);
 *
 * What it guarantees:
 * - Single flight: concurrent misses for one entry in this process share one load, so a hot entry
 *   that expires costs the database one query per replica, not one per request.
 * - No stale write-back: a load that overlaps an invalidation of its key (in this process or on
 *   another replica) returns its value but does not store it, because the key's invalidation token
 *   changed (CacheStore.write); callers arriving after the invalidation start a new load.
 * - Graceful degradation: when Redis is down, slow or returns garbage, the loader's value is served
 *   as if there were no cache. The error is counted (cache.errors) and reported to `onError`, which
 *   logs it at most once per interval; it never reaches the caller. An invalidation that could not
 *   reach Redis is kept and sent again before this process reads from Redis again.
 */
import type { Logger } from '../logger.ts';

/** How a value is stored; JSON by default. */
export interface Codec<T> {
  encode(value: T): string;
  decode(text: string): T;
}

/** JSON; `undefined` (e.g. "not found", worth caching too) is stored as null and read back as undefined. */
export function jsonCodec<T>(): Codec<T> {
  return {
    encode: (value) => JSON.stringify(value ?? null),
    decode: (text) => (JSON.parse(text) ?? undefined) as T,
  };
}

export interface ReadOptions<T> {
  /**
   * One of several values cached under `key` and invalidated together with it, e.g. the pages of
   * a list: `getOrLoad('recent', load, { variant: String(limit) })`, `invalidate(['recent'])`.
   */
  readonly variant?: string;
  /** Defaults to CACHE_TTL_SECONDS: the longest an entry can be stale if an invalidation is lost. */
  readonly ttlSeconds?: number;
  readonly codec?: Codec<T>;
  /** The caller stops waiting when it aborts; a load shared with other callers carries on. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Loads the value from the source of truth. `signal` is the caller's when the cache is off, and
 * undefined when the load is shared by every caller waiting for the same entry (one caller giving
 * up must not fail the others; the database's own timeouts still bound it).
 */
export type Loader<T> = (signal: AbortSignal | undefined) => Promise<T>;

/** A module's namespace in the cache. */
export interface ModuleCache {
  getOrLoad<T>(key: string, loader: Loader<T>, options?: ReadOptions<T>): Promise<T>;
  /** Drops every variant of `keys`. Call it after the write has committed; it never throws. */
  invalidate(keys: readonly string[]): Promise<void>;
}

/** What modules receive (ModuleDependencies.cache). */
export interface CacheProvider {
  /** `name` namespaces the keys and labels the metrics; use the module's name. */
  forModule(name: string): ModuleCache;
}

/** One entry as the store holds it. */
export interface StoredEntry {
  readonly value: string | undefined;
  /** Changes on every invalidation of the key; undefined while the key has none. */
  readonly token: string | undefined;
}

/** Where entries live: Redis in production (redis-store.ts), memory in unit tests. */
export interface CacheStore {
  /** false while disconnected: the cache then goes to the database without waiting. */
  readonly available: boolean;
  read(key: string, variant: string): Promise<StoredEntry>;
  /**
   * Stores `value` unless `key` was invalidated since the read that returned `token`; the key
   * expires `ttlSeconds` after its first value was stored.
   */
  write(
    key: string,
    variant: string,
    value: string,
    token: string | undefined,
    ttlSeconds: number,
  ): Promise<void>;
  /** Drops every variant of `keys` and gives each a new token. */
  invalidate(keys: readonly string[], ttlSeconds: number): Promise<void>;
}

export type CacheOperation = 'read' | 'write' | 'invalidate' | 'decode';

/** cache.hits, cache.misses and cache.errors, labelled with the module (cache-metrics.ts). */
export interface CacheMetrics {
  hit(module: string): void;
  miss(module: string): void;
  error(module: string, operation: CacheOperation): void;
}

export interface CacheOptions {
  readonly store: CacheStore;
  /** Start of every key (`<prefix>:<module>:<key>`), so that services can share one Redis. */
  readonly prefix: string;
  readonly ttlSeconds: number;
  readonly metrics: CacheMetrics;
  /** Every store error; see throttledWarning for logging them without flooding the log. */
  readonly onError: (error: unknown, operation: CacheOperation) => void;
  /** Milliseconds; replaced in tests. */
  readonly now?: () => number;
}

/** Invalidations kept while Redis is unreachable; beyond this, entries may stay stale up to their TTL. */
const MAX_PENDING_INVALIDATIONS = 10_000;

class StoreUnavailableError extends Error {
  constructor() {
    super('the cache store is not connected');
    this.name = 'StoreUnavailableError';
  }
}

interface Flight {
  readonly key: string;
  /** Set when the key was invalidated while this load ran: its value must not be stored. */
  detached: boolean;
  promise?: Promise<unknown>;
}

function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}

export function createCache(options: CacheOptions): CacheProvider {
  const { store, prefix, metrics, onError, now = Date.now } = options;
  /** Loads in progress, by key and variant. */
  const flights = new Map<string, Flight>();
  /** Store keys whose invalidation has not reached the store yet, with a sequence number. */
  const pending = new Map<string, number>();
  let sequence = 0;
  let flushing: Promise<boolean> | undefined;

  function failed(module: string, operation: CacheOperation, error: unknown): void {
    metrics.error(module, operation);
    onError(error, operation);
  }

  async function sendPending(module: string): Promise<boolean> {
    const batch = [...pending];
    try {
      await store.invalidate(
        batch.map(([key]) => key),
        options.ttlSeconds,
      );
      // A key invalidated again while this was in flight stays pending.
      for (const [key, seq] of batch) if (pending.get(key) === seq) pending.delete(key);
      return true;
    } catch (error) {
      failed(module, 'invalidate', error);
      return false;
    }
  }

  /** Sends the pending invalidations; true once none is left, so the store may be read. */
  async function flushPending(module: string): Promise<boolean> {
    while (pending.size > 0) {
      if (!store.available) return false;
      flushing ??= sendPending(module).finally(() => {
        flushing = undefined;
      });
      if (!(await flushing)) return false;
    }
    return true;
  }

  async function readThrough<T>(
    module: string,
    flight: Flight,
    variant: string,
    ttlSeconds: number,
    codec: Codec<T>,
    loader: Loader<T>,
  ): Promise<T> {
    const started = now();
    let stored: StoredEntry | undefined;
    if (!store.available || !(await flushPending(module))) {
      failed(module, 'read', new StoreUnavailableError());
    } else {
      try {
        stored = await store.read(flight.key, variant);
      } catch (error) {
        failed(module, 'read', error);
      }
    }
    if (stored?.value !== undefined) {
      try {
        const value = codec.decode(stored.value);
        metrics.hit(module);
        return value;
      } catch (error) {
        // An unreadable entry (an older format, corruption) is a miss; the write below replaces it.
        failed(module, 'decode', error);
      }
    }
    if (stored !== undefined) metrics.miss(module);
    const value = await loader(undefined);
    // Not after an invalidation of this key, nor when the load outlived a TTL (the invalidation
    // token it would be checked against lives for the default TTL and may have expired meanwhile).
    const current =
      !flight.detached && now() - started < Math.min(ttlSeconds, options.ttlSeconds) * 1000;
    if (stored !== undefined && current && store.available) {
      try {
        await store.write(flight.key, variant, codec.encode(value), stored.token, ttlSeconds);
      } catch (error) {
        failed(module, 'write', error);
      }
    }
    return value;
  }

  return {
    forModule(module) {
      const storeKey = (key: string) => `${prefix}:${module}:${key}`;
      return {
        getOrLoad<T>(key: string, loader: Loader<T>, read: ReadOptions<T> = {}): Promise<T> {
          const { variant = '', ttlSeconds = options.ttlSeconds, codec = jsonCodec<T>() } = read;
          const id = `${storeKey(key)}\n${variant}`;
          let flight = flights.get(id);
          if (flight === undefined) {
            const created: Flight = { key: storeKey(key), detached: false };
            created.promise = readThrough(
              module,
              created,
              variant,
              ttlSeconds,
              codec,
              loader,
            ).finally(() => {
              if (flights.get(id) === created) flights.delete(id);
            });
            flights.set(id, created);
            flight = created;
          }
          return waitFor(flight.promise as Promise<T>, read.signal);
        },

        async invalidate(keys) {
          const storeKeys = new Set(keys.map(storeKey));
          // Callers from now on must not join a load that may have read the old row.
          for (const [id, flight] of flights) {
            if (storeKeys.has(flight.key)) {
              flight.detached = true;
              flights.delete(id);
            }
          }
          for (const key of storeKeys) {
            if (pending.size >= MAX_PENDING_INVALIDATIONS && !pending.has(key)) {
              failed(
                module,
                'invalidate',
                new Error(
                  'too many invalidations are waiting for the store; some entries may stay stale until they expire',
                ),
              );
              break;
            }
            pending.set(key, ++sequence);
          }
          if (!(await flushPending(module)) && !store.available) {
            failed(module, 'invalidate', new StoreUnavailableError());
          }
        },
      };
    },
  };
}

/** The cache when it is off (no REDIS_URL in development, tests): every read goes to the loader. */
export function disabledCache(): CacheProvider {
  const cache: ModuleCache = {
    getOrLoad: (_key, loader, options) => loader(options?.signal),
    invalidate: async () => {},
  };
  return { forModule: () => cache };
}

/**
 * A warning logger for a dependency that fails on every request while it is down: the first
 * error is logged, then at most one line per `intervalMs` saying how many were left out.
 */
export function throttledWarning(
  logger: Logger,
  message: string,
  intervalMs: number,
  now: () => number = Date.now,
): (error: unknown, fields?: Record<string, unknown>) => void {
  let lastLogged = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (error, fields = {}) => {
    if (now() - lastLogged < intervalMs) {
      suppressed += 1;
      return;
    }
    logger.warn({ err: error, ...fields, suppressed_errors: suppressed }, message);
    lastLogged = now();
    suppressed = 0;
  };
}
