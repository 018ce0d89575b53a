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
    const testApp = await createTestApp(database.db);
    const response = await testApp.request('/__conformance/sleep?ms=1');
    assert.equal(response.status, 404);
    assert.match(response.headers['content-type']!, /^application\/problem\+json/);
    await testApp.close();
  });

  test('answer as the contract describes when enabled', async () => {
    process.env.CONFORMANCE_FIXTURES = 'true';
    process.env.CONFORMANCE_OUTBOUND_ALLOW = '^http://allowed\\.example/';
    try {
      const testApp = await createTestApp(database.db);
      assert.deepEqual((await testApp.request('/__conformance/sleep?ms=5')).json(), { slept: 5 });
      assert.deepEqual((await testApp.request('/__conformance/items/42')).json(), { id: '42' });
      const echo = await testApp.request('/__conformance/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"password":"x"}',
      });
      assert.deepEqual(echo.json(), { bytes: 16 });
      assert.equal((await testApp.request('/__conformance/error')).status, 500);
      assert.equal((await testApp.request('/__conformance/db?sleep_ms=10')).status, 200);
      const denied = await testApp.request(
        '/__conformance/outbound?target=http://elsewhere.example/',
      );
      assert.equal(denied.status, 403);
      await testApp.close();
    } finally {
      delete process.env.CONFORMANCE_FIXTURES;
      delete process.env.CONFORMANCE_OUTBOUND_ALLOW;
    }
  });
});
