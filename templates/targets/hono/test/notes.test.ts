import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { noteCreated, type NoteCreated } from '../src/modules/notes/index.ts';
import type { DomainEvent } from '../src/platform/events/event-bus.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

// Runs against PGlite, or real PostgreSQL when TEST_DATABASE_URL is set.
describe('notes module over HTTP', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  before(async () => {
    database = await createTestDatabase();
    testApp = createTestApp(database.db);
  });
  afterEach(() => database.reset());
  after(() => database.close());

  const get = (path: string) => testApp.app.request(path);
  const create = (payload: unknown) =>
    testApp.app.request('/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });

  test('creates a note and reads it back', async () => {
    const created = await create({ title: '  Groceries ', body: 'milk' });
    assert.equal(created.status, 201);
    const note = (await created.json()) as any;
    assert.equal(note.title, 'Groceries');
    assert.equal(note.body, 'milk');
    assert.equal(created.headers.get('location'), `/notes/${note.id}`);
    assert.ok(!Number.isNaN(Date.parse(note.createdAt)));

    const read = await get(`/notes/${note.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(await read.json(), note);
  });

  test('publishes notes.note-created once the note is stored', async () => {
    const received: Array<DomainEvent<NoteCreated>> = [];
    testApp.events.subscribe(noteCreated, 'test.on-note-created', async (event) => {
      received.push(event);
    });
    const note = (await (await create({ title: 'Announce me' })).json()) as any;
    assert.equal((await create({ title: '' })).status, 422);
    await testApp.events.drain(1000);
    assert.deepEqual(
      received.map((event) => event.payload),
      [{ noteId: note.id, title: 'Announce me' }],
    );
  });

  test('lists newest first, page by page', async () => {
    for (const title of ['one', 'two', 'three'])
      assert.equal((await create({ title })).status, 201);

    const first = await get('/notes?limit=2');
    assert.equal(first.status, 200);
    const page1 = (await first.json()) as any;
    assert.equal(page1.items.length, 2);
    assert.equal(typeof page1.nextCursor, 'string');

    const second = await get(`/notes?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`);
    const page2 = (await second.json()) as any;
    assert.equal(page2.items.length, 1);
    assert.equal(page2.nextCursor, null);
    const titles = [...page1.items, ...page2.items].map((note: { title: string }) => note.title);
    assert.deepEqual([...titles].sort(), ['one', 'three', 'two']);
  });

  for (const [name, payload, pointer] of [
    ['a missing title', { body: 'x' }, '/title'],
    ['a blank title', { title: '   ' }, '/title'],
    ['a title of the wrong type', { title: 123 }, '/title'],
    ['an unknown property', { title: 'ok', owner: 'me' }, '/owner'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, '/title'],
  ] as const) {
    test(`rejects ${name} with 422 and a field error`, async () => {
      const response = await create(payload);
      assert.equal(response.status, 422);
      assert.match(String(response.headers.get('content-type')), /^application\/problem\+json/);
      const problem = (await response.json()) as any;
      assert.equal(problem.status, 422);
      assert.equal(problem.errors[0].pointer, pointer);
    });
  }

  test('404 for an unknown note, 422 for a malformed id or cursor', async () => {
    const missing = await get('/notes/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as any).title, 'Not Found');
    assert.equal((await get('/notes/not-a-uuid')).status, 422);
    assert.equal((await get('/notes?cursor=garbage')).status, 422);
    assert.equal((await get('/notes?limit=1000')).status, 422);
  });
});
