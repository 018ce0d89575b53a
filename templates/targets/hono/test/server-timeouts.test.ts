import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { healthyDatabase } from './support/fake-database.ts';
import { serve } from './support/http.ts';
import { createTestApp } from './support/test-app.ts';

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', reject);
  });
}

function closed(socket: Socket): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    socket.on('close', () => resolve(Date.now() - started));
    socket.on('error', () => undefined);
  });
}

/** Sends one request on an open socket and resolves with the status line. */
function roundTrip(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('data', (data) => resolve(data.toString('latin1').split('\r\n', 1)[0] ?? ''));
    socket.write('GET /livez HTTP/1.1\r\nHost: test\r\n\r\n');
  });
}

async function served(env: Record<string, string> = {}) {
  const { app, config } = createTestApp(healthyDatabase(), env);
  return serve(app, config);
}

// Real sockets and Node's own timers; bounds are generous so a busy machine does not flake.
describe('connection timeouts', () => {
  test('slowloris: a client trickling headers is disconnected after HEADERS_TIMEOUT_MS', async () => {
    const server = await served({ HEADERS_TIMEOUT_MS: '1000' });
    const socket = await open(server.port);
    const elapsed = closed(socket);
    socket.write('GET /livez HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('X'), 300);
    const duration = await elapsed;
    clearInterval(trickle);
    assert.ok(duration < 4000, `closed after ${duration} ms`);
    // The server keeps serving others.
    assert.equal((await fetch(`${server.url}/livez`)).status, 200);
    await server.close();
  });

  test('an idle keep-alive connection outlives the headers timeout', async () => {
    const server = await served({ HEADERS_TIMEOUT_MS: '500', KEEP_ALIVE_TIMEOUT_MS: '5000' });
    const socket = await open(server.port);
    assert.equal(await roundTrip(socket), 'HTTP/1.1 200 OK');
    await sleep(1500);
    assert.equal(await roundTrip(socket), 'HTTP/1.1 200 OK');
    socket.destroy();
    await server.close();
  });

  test('the server closes keep-alive connections idle longer than KEEP_ALIVE_TIMEOUT_MS', async () => {
    const server = await served({ KEEP_ALIVE_TIMEOUT_MS: '1000' });
    const socket = await open(server.port);
    assert.equal(await roundTrip(socket), 'HTTP/1.1 200 OK');
    const duration = await closed(socket);
    assert.ok(duration >= 800 && duration < 3500, `closed after ${duration} ms`);
    await server.close();
  });

  test('a request header larger than MAX_HEADER_BYTES is refused with 431', async () => {
    const server = await served();
    const response = await fetch(`${server.url}/livez`, {
      headers: { 'x-big': 'x'.repeat(32 * 1024) },
    });
    assert.equal(response.status, 431);
    assert.equal((await fetch(`${server.url}/livez`)).status, 200);
    await server.close();
  });
});
