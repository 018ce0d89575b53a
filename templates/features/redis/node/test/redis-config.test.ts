import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../src/platform/config.ts';
import { loadRedisConfig } from '../src/platform/redis/redis-config.ts';

describe('Redis configuration', () => {
  test('defaults; Redis is off outside production without REDIS_URL', () => {
    assert.deepEqual(loadRedisConfig({}, 'development'), {
      url: undefined,
      connectTimeoutMs: 2000,
      commandTimeoutMs: 250,
    });
    assert.equal(
      loadRedisConfig({ REDIS_URL: 'rediss://:pw@cache.example.com:6380/0' }, 'production').url,
      'rediss://:pw@cache.example.com:6380/0',
    );
  });

  test('production needs REDIS_URL; bad values are named, never echoed', () => {
    assert.throws(
      () => loadRedisConfig({}, 'production'),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^REDIS_URL is required in production/.test(error.issues[0]!),
    );
    const secret = 'http://user:s3cret@cache.internal:6379';
    try {
      loadRedisConfig({ REDIS_URL: secret, REDIS_COMMAND_TIMEOUT_MS: '0' }, 'production');
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(
        error.issues.map((issue) => issue.split(' ')[0]),
        ['REDIS_URL', 'REDIS_COMMAND_TIMEOUT_MS'],
      );
      assert.ok(!error.message.includes('s3cret'));
    }
  });
});
