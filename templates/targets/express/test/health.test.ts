import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failingDatabase, hangingDatabase, healthyDatabase } from './support/fake-database.ts';
import { createTestApp } from './support/test-app.ts';

const CHECK_KEY = /^[a-z0-9._-]+:[A-Za-z0-9._-]+$/;

describe('health probes', () => {
  test('/livez passes with health+json and no-store, GET and HEAD', async () => {
    const testApp = await createTestApp(healthyDatabase());
    const get = await testApp.request('/livez');
    assert.equal(get.status, 200);
    assert.match(get.headers['content-type']!, /^application\/health\+json/);
    assert.equal(get.headers['cache-control'], 'no-store');
    assert.deepEqual(get.json(), { status: 'pass', serviceId: 'test-svc', version: '1.2.3' });

    const head = await testApp.request('/livez', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    await testApp.close();
  });

  test('/readyz reports postgres:connection in the IETF shape', async () => {
    const testApp = await createTestApp(healthyDatabase());
    const response = await testApp.request('/readyz');
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type']!, /^application\/health\+json/);
    const body = response.json();
    assert.equal(body.status, 'pass');
    for (const [key, results] of Object.entries(body.checks as Record<string, unknown[]>)) {
      assert.match(key, CHECK_KEY);
      for (const result of results as Array<Record<string, unknown>>) {
        assert.equal(result.status, 'pass');
        assert.ok(!Number.isNaN(Date.parse(result.time as string)));
      }
    }
    assert.equal(body.checks['postgres:connection'][0].componentType, 'datastore');
    await testApp.close();
  });

  test('/readyz fails with 503 when the database is down, without leaking the reason', async () => {
    const testApp = await createTestApp(failingDatabase());
    const response = await testApp.request('/readyz');
    assert.equal(response.status, 503);
    const body = response.json();
    assert.equal(body.status, 'fail');
    assert.equal(body.checks['postgres:connection'][0].status, 'fail');
    for (const secret of ['db.internal', 'user=app', 'SELECT', 'ECONNREFUSED', ' at ']) {
      assert.ok(!response.body.includes(secret), `body leaks ${secret}`);
    }
    // Liveness does not depend on the database.
    assert.equal((await testApp.request('/livez')).status, 200);
    await testApp.close();
  });

  test('/readyz is bounded by HEALTH_CHECK_TIMEOUT_MS when the database does not answer', async () => {
    const testApp = await createTestApp(hangingDatabase(), { HEALTH_CHECK_TIMEOUT_MS: '100' });
    const response = await testApp.request('/readyz');
    assert.equal(response.status, 503);
    assert.match(
      response.json().checks['postgres:connection'][0].output,
      /no answer within 100 ms/,
    );
    await testApp.close();
  });

  test('/readyz fails while shutting down; /livez keeps passing', async () => {
    const testApp = await createTestApp(healthyDatabase());
    testApp.lifecycle.startDraining();
    const ready = await testApp.request('/readyz');
    assert.equal(ready.status, 503);
    assert.deepEqual(ready.json().notes, ['shutting down']);
    assert.equal(ready.json().status, 'fail');
    assert.equal((await testApp.request('/livez')).status, 200);
    await testApp.close();
  });

  test('probes write no access log', async () => {
    const testApp = await createTestApp(healthyDatabase());
    await testApp.request('/livez');
    await testApp.request('/readyz?verbose');
    assert.equal(testApp.logs.filter((line) => 'http.response.status_code' in line).length, 0);
    await testApp.close();
  });
});
