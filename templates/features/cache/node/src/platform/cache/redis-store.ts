import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CacheStore } from './cache.ts';

/**
 * The cache's entries in Redis. One hash per key: field `t` holds the key's invalidation token and
 * `v:<variant>` its values (a single value uses the empty variant). Every command touches one key,
 * so the layout also works on a Redis Cluster, and an invalidation drops all variants at once.
 */
const TOKEN_FIELD = 't';
const valueField = (variant: string) => `v:${variant}`;

// Stores the value only while the token is still the one the reader saw: an invalidation that
// happened during the load (here or on another replica) wins over the value loaded before it.
// The key expires `ttl` seconds after its first value; later values never extend it.
const WRITE_IF_NOT_INVALIDATED = `
local token = redis.call('HGET', KEYS[1], 't') or ''
if token ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
return 1`;

export function createRedisStore(client: Redis): CacheStore {
  return {
    get available() {
      return client.status === 'ready';
    },

    async read(key, variant) {
      const [value, token] = await client.hmget(key, valueField(variant), TOKEN_FIELD);
      return { value: value ?? undefined, token: token ?? undefined };
    },

    async write(key, variant, value, token, ttlSeconds) {
      await client.eval(
        WRITE_IF_NOT_INVALIDATED,
        1,
        key,
        valueField(variant),
        value,
        token ?? '',
        ttlSeconds,
      );
    },

    async invalidate(keys, ttlSeconds) {
      // The new token outlives any load that read the old one (loads longer than the TTL are
      // never stored), and the key then holds nothing else until a reader fills it again.
      const transaction = client.multi();
      for (const key of keys) {
        transaction
          .del(key)
          .hset(key, TOKEN_FIELD, randomBytes(9).toString('base64url'))
          .expire(key, ttlSeconds);
      }
      const results = await transaction.exec();
      const failure = results?.find(([error]) => error !== null)?.[0];
      if (results === null || failure) throw failure ?? new Error('cache invalidation was aborted');
    },
  };
}
