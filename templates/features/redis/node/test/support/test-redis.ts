import type { Redis } from 'ioredis';

/** The Redis the Redis tests run against (CI starts one); unset, they are skipped. */
export const testRedisUrl = process.env.TEST_REDIS_URL || undefined;

/** Resolves once connected; the client retries refused connections, only the deadline fails. */
export function ready(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`TEST_REDIS_URL: no connection within ${timeoutMs} ms`)),
      timeoutMs,
    );
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
