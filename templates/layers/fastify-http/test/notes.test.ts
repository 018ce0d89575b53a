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
    testApp = await createTestApp(database.db);
  });
  afterEach(() => database.reset());
  after(async () => {
    await testApp.app.close();
    await database.close();
  });

  const create = (payload: unknown) =>
    testApp.app.inject({ method: 'POST', url: '/notes', payload: payload as object });

  test('creates a note and reads it back', async () => {
    const created = await create({ title: '  Groceries ', body: 'milk' });
    assert.equal(created.statusCode, 201);
    const note = created.json();
    assert.equal(note.title, 'Groceries');
    assert.equal(note.body, 'milk');
    assert.equal(created.headers.location, `/notes/${note.id}`);
    assert.ok(!Number.isNaN(Date.parse(note.createdAt)));

    const read = await testApp.app.inject({ method: 'GET', url: `/notes/${note.id}` });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), note);
  });

  test('publishes notes.note-created once the note is stored', async () => {
    const received: Array<DomainEvent<NoteCreated>> = [];
    testApp.events.subscribe(noteCreated, 'test.on-note-created', async (event) => {
      received.push(event);
    });
    const note = (await create({ title: 'Announce me' })).json();
    assert.equal((await create({ title: '' })).statusCode, 422);
    await testApp.events.drain(1000);
    assert.deepEqual(
      received.map((event) => event.payload),
      [{ noteId: note.id, title: 'Announce me' }],
    );
  });

  test('lists newest first, page by page', async () => {
    for (const title of ['one', 'two', 'three'])
      assert.equal((await create({ title })).statusCode, 201);

    const first = await testApp.app.inject({ method: 'GET', url: '/notes?limit=2' });
    assert.equal(first.statusCode, 200);
    const page1 = first.json();
    assert.equal(page1.items.length, 2);
    assert.equal(typeof page1.nextCursor, 'string');

    const second = await testApp.app.inject({
      method: 'GET',
      url: `/notes?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`,
    });
    const page2 = second.json();
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
      assert.equal(response.statusCode, 422);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      const problem = response.json();
      assert.equal(problem.status, 422);
      assert.equal(problem.errors[0].pointer, pointer);
    });
  }

  test('404 for an unknown note, 422 for a malformed id or cursor', async () => {
    const missing = await testApp.app.inject({
      method: 'GET',
      url: '/notes/00000000-0000-4000-8000-000000000000',
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().title, 'Not Found');
    assert.equal(
      (await testApp.app.inject({ method: 'GET', url: '/notes/not-a-uuid' })).statusCode,
      422,
    );
    assert.equal(
      (await testApp.app.inject({ method: 'GET', url: '/notes?cursor=garbage' })).statusCode,
      422,
    );
    assert.equal(
      (await testApp.app.inject({ method: 'GET', url: '/notes?limit=1000' })).statusCode,
      422,
    );
  });
});
