import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failingDatabase, hangingDatabase, healthyDatabase } from './support/fake-database.ts';
import { createTestApp } from './support/test-app.ts';

const CHECK_KEY = /^[a-z0-9._-]+:[A-Za-z0-9._-]+$/;

describe('health probes', () => {
  test('/livez passes with health+json and no-store, GET and HEAD', async () => {
    const { app } = createTestApp(healthyDatabase());
    const get = await app.request('/livez');
    assert.equal(get.status, 200);
    assert.match(String(get.headers.get('content-type')), /^application\/health\+json/);
    assert.equal(get.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await get.json(), { status: 'pass', serviceId: 'test-svc', version: '1.2.3' });

    const head = await app.request('/livez', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  test('/readyz reports postgres:connection in the IETF shape', async () => {
    const { app } = createTestApp(healthyDatabase());
    const response = await app.request('/readyz');
    assert.equal(response.status, 200);
    assert.match(String(response.headers.get('content-type')), /^application\/health\+json/);
    const body = (await response.json()) as any;
    assert.equal(body.status, 'pass');
    for (const [key, results] of Object.entries(body.checks as Record<string, unknown[]>)) {
      assert.match(key, CHECK_KEY);
      for (const result of results as Array<Record<string, unknown>>) {
        assert.equal(result.status, 'pass');
        assert.ok(!Number.isNaN(Date.parse(result.time as string)));
      }
    }
    assert.equal(body.checks['postgres:connection'][0].componentType, 'datastore');
  });

  test('/readyz fails with 503 when the database is down, without leaking the reason', async () => {
    const { app } = createTestApp(failingDatabase());
    const response = await app.request('/readyz');
    assert.equal(response.status, 503);
    const text = await response.text();
    const body = JSON.parse(text);
    assert.equal(body.status, 'fail');
    assert.equal(body.checks['postgres:connection'][0].status, 'fail');
    for (const secret of ['db.internal', 'user=app', 'SELECT', 'ECONNREFUSED', ' at ']) {
      assert.ok(!text.includes(secret), `body leaks ${secret}`);
    }
    // Liveness does not depend on the database.
    assert.equal((await app.request('/livez')).status, 200);
  });

  test('/readyz is bounded by HEALTH_CHECK_TIMEOUT_MS when the database does not answer', async () => {
    const { app } = createTestApp(hangingDatabase(), { HEALTH_CHECK_TIMEOUT_MS: '100' });
    const response = await app.request('/readyz');
    assert.equal(response.status, 503);
    const body = (await response.json()) as any;
    assert.match(body.checks['postgres:connection'][0].output, /no answer within 100 ms/);
  });

  test('/readyz fails while shutting down; /livez keeps passing', async () => {
    const { app, lifecycle } = createTestApp(healthyDatabase());
    lifecycle.startDraining();
    const ready = await app.request('/readyz');
    assert.equal(ready.status, 503);
    const body = (await ready.json()) as any;
    assert.deepEqual(body.notes, ['shutting down']);
    assert.equal(body.status, 'fail');
    assert.equal((await app.request('/livez')).status, 200);
  });

  test('probes write no access log', async () => {
    const { app, logs } = createTestApp(healthyDatabase());
    await app.request('/livez');
    await app.request('/readyz?verbose');
    assert.equal(logs.filter((line) => 'http.response.status_code' in line).length, 0);
  });
});
