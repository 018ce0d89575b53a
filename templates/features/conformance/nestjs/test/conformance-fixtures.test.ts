import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp } from './support/test-app.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

// Fixture routes exist only in projects generated with --conformance-fixtures.
describe('conformance fixtures', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  test('are not mounted unless CONFORMANCE_FIXTURES=true', async () => {
    const { app } = await createTestApp(database.db);
    const response = await app.inject({ method: 'GET', url: '/__conformance/sleep?ms=1' });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    await app.close();
  });

  test('answer as the contract describes when enabled', async () => {
    process.env.CONFORMANCE_FIXTURES = 'true';
    process.env.CONFORMANCE_OUTBOUND_ALLOW = '^http://allowed\\.example/';
    try {
      const { app } = await createTestApp(database.db);
      assert.deepEqual(
        (await app.inject({ method: 'GET', url: '/__conformance/sleep?ms=5' })).json(),
        { slept: 5 },
      );
      assert.deepEqual(
        (await app.inject({ method: 'GET', url: '/__conformance/items/42' })).json(),
        { id: '42' },
      );
      const echo = await app.inject({
        method: 'POST',
        url: '/__conformance/echo',
        headers: { 'content-type': 'application/json' },
        payload: '{"password":"x"}',
      });
      assert.deepEqual(echo.json(), { bytes: 16 });
      // The size of the body as sent, not of its parsed value re-serialized.
      const spaced = await app.inject({
        method: 'POST',
        url: '/__conformance/echo',
        headers: { 'content-type': 'application/json' },
        payload: '{ "password" : "x" }',
      });
      assert.deepEqual(spaced.json(), { bytes: 20 });
      // Every other JSON route still gets its parsed body while the fixtures are mounted.
      const note = await app.inject({ method: 'POST', url: '/notes', payload: { title: 'kept' } });
      assert.equal(note.statusCode, 201);
      assert.equal(note.json().title, 'kept');
      assert.equal(
        (await app.inject({ method: 'GET', url: '/__conformance/error' })).statusCode,
        500,
      );
      assert.equal(
        (await app.inject({ method: 'GET', url: '/__conformance/db?sleep_ms=10' })).statusCode,
        200,
      );
      const denied = await app.inject({
        method: 'GET',
        url: '/__conformance/outbound?target=http://elsewhere.example/',
      });
      assert.equal(denied.statusCode, 403);
      await app.close();
    } finally {
      delete process.env.CONFORMANCE_FIXTURES;
      delete process.env.CONFORMANCE_OUTBOUND_ALLOW;
    }
  });
});
