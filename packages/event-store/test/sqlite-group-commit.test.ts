/** Group commit of the SQLite adapter: on its writer thread, batched by turn, each append still on its own. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { DuplicateEventIdError, StoreUnavailableError, StoreWriterFailedError, WrongExpectedVersionError } from '../src/errors.ts';
import { openSqliteEventStore, type SqliteEventStoreOptions } from '../src/sqlite-event-store.ts';
import type { NewEvent } from '../src/port.ts';
import { idsOf, newEvent, newStream, rejectsWith, sleep } from './contract/helpers.ts';

const dir = await mkdtemp(join(tmpdir(), 'meridian-group-commit-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));
let files = 0;

/** A store on a fresh file, closed after the test. */
function open(t: Test, options: Partial<SqliteEventStoreOptions> = {}) {
  const store = openSqliteEventStore({ path: join(dir, `store-${(files += 1)}.db`), pollIntervalMs: 20, ...options });
  t.teardown(() => store.close());
  return store;
}

/** A second connection on the store's file: it sees only what is committed. */
function reader(t: Test, path: string) {
  const db = new Database(path, { readonly: true });
  t.teardown(() => db.close());
  const ids = db.prepare<[], string>('SELECT id FROM events ORDER BY position').pluck();
  return () => ids.all();
}

t.test('appends requested in one turn are one commit, in the order requested, with contiguous positions', async (t) => {
  const store = open(t);
  const streams = Array.from({ length: 10 }, () => newStream());
  const batches = streams.map((_, index) => Array.from({ length: 1 + (index % 3) }, () => newEvent()));
  const results = await Promise.all(streams.map((stream, index) => store.append(stream, batches[index]!, { expectedVersion: 0 })));
  t.same(store.groupCommit, { commits: 1, appends: 10 });
  const all = await store.readAll();
  t.same(idsOf(all), batches.flat().map((event) => event.id), 'the global order is the order of the requests');
  t.same(all.map((event) => event.position), all.map((_, index) => String(index + 1)), 'positions 1..N');
  t.same(
    results.map((result) => result.position),
    batches.map((_, index) => String(batches.slice(0, index + 1).flat().length)),
    'each result names its last event',
  );
  t.equal(new Set(all.map((event) => event.recordedAt)).size, 1, 'one commit, one recordedAt');

  await store.append(streams[0]!, [newEvent()], { expectedVersion: 1 });
  t.same(store.groupCommit, { commits: 2, appends: 11 }, 'an append of a later turn is a commit of its own');
});

t.test('no append is answered before its COMMIT has returned', async (t) => {
  const store = open(t);
  const committed = reader(t, store.path);
  const events = Array.from({ length: 8 }, () => newEvent());
  const seenAtAnswer = await Promise.all(
    events.map((event) => store.append(newStream(), [event], { expectedVersion: 0 }).then(() => committed())),
  );
  for (const [index, seen] of seenAtAnswer.entries()) t.same(seen, idsOf(events), `append ${index}: the whole group was committed`);
});

t.test('a conflict inside a group rolls back alone; a later append of the same turn sees the winner', async (t) => {
  const store = open(t);
  const stream = newStream();
  const [first, second, third] = [[newEvent(), newEvent()], [newEvent()], [newEvent()]];
  const outcomes = await Promise.allSettled([
    store.append(stream, first, { expectedVersion: 0 }),
    store.append(stream, second, { expectedVersion: 0 }),
    store.append(stream, third, { expectedVersion: 2 }),
  ]);
  t.match(outcomes, [
    { status: 'fulfilled', value: { version: 2, position: '2' } },
    { status: 'rejected', reason: { constructor: WrongExpectedVersionError, expectedVersion: 0, actualVersion: 2 } },
    { status: 'fulfilled', value: { version: 3, position: '3' } },
  ]);
  t.same(idsOf(await store.readStream(stream)), idsOf([...first, ...third]));
  t.same(store.groupCommit, { commits: 1, appends: 3 });
});

t.test('a retried batch in the same group as its original answers the original result', async (t) => {
  const store = open(t);
  const stream = newStream();
  const batch = [newEvent(), newEvent()];
  const [original, retry, clash] = await Promise.allSettled([
    store.append(stream, batch, { expectedVersion: 0 }),
    store.append(stream, batch, { expectedVersion: 0 }),
    store.append(newStream(), [batch[1]!], { expectedVersion: 0 }),
  ]);
  t.match(original, { status: 'fulfilled', value: { version: 2, position: '2' } });
  t.same(retry, original, 'the same result');
  t.match(clash, { status: 'rejected', reason: { constructor: DuplicateEventIdError } });
  t.equal((await store.readAll()).length, 2, 'nothing stored twice');
});

t.test('a failing insert in one append does not lose the others of its group', async (t) => {
  const store = open(t);
  store.database.exec(`CREATE TRIGGER refuse_poison BEFORE INSERT ON events WHEN NEW.type = 'Poison' BEGIN SELECT RAISE(ABORT, 'poison refused'); END`);
  const [before, after] = [[newEvent()], [newEvent()]];
  const poisoned: NewEvent[] = [newEvent(), newEvent({}, 'Poison')];
  const poisonedStream = newStream();
  const outcomes = await Promise.allSettled([
    store.append(newStream(), before, { expectedVersion: 0 }),
    store.append(poisonedStream, poisoned, { expectedVersion: 0 }),
    store.append(newStream(), after, { expectedVersion: 0 }),
  ]);
  t.match(outcomes, [
    { status: 'fulfilled', value: { version: 1, position: '1' } },
    { status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'poison refused' } },
    { status: 'fulfilled', value: { version: 1, position: '2' } },
  ]);
  t.same(idsOf(await store.readAll()), idsOf([...before, ...after]), 'the poisoned append left no event behind, not even its first');
  t.same(await store.readStream(poisonedStream), []);
});

t.test('a failure that rolls back the whole transaction fails every append of the group, and the next group works', async (t) => {
  const store = open(t);
  store.database.exec(`CREATE TRIGGER roll_back_all BEFORE INSERT ON events WHEN NEW.type = 'Doom' BEGIN SELECT RAISE(ROLLBACK, 'all rolled back'); END`);
  const outcomes = await Promise.allSettled([
    store.append(newStream(), [newEvent()], { expectedVersion: 0 }),
    store.append(newStream(), [newEvent({}, 'Doom')], { expectedVersion: 0 }),
    store.append(newStream(), [newEvent()], { expectedVersion: 0 }),
  ]);
  t.ok(
    outcomes.every((outcome) => outcome.status === 'rejected' && (outcome.reason as Error).message === 'all rolled back'),
    'every append failed with the error of the transaction',
  );
  t.same(await store.readAll(), [], 'none of them was stored');
  t.same(store.groupCommit, { commits: 0, appends: 0 });
  const next = await store.append(newStream(), [newEvent()], { expectedVersion: 0 });
  t.same(next, { version: 1, position: '1' }, 'the position of the rolled back group is handed out again: it was never seen');
});

t.test('a write lock held past the busy timeout fails the group with StoreUnavailableError, and nothing of it is stored', async (t) => {
  const store = open(t, { busyTimeoutMs: 50 });
  const other = new Database(store.path);
  t.teardown(() => other.close());
  other.exec('BEGIN IMMEDIATE');
  const outcomes = await Promise.allSettled([
    store.append(newStream(), [newEvent()], { expectedVersion: 0 }),
    store.append(newStream(), [newEvent()], { expectedVersion: 0 }),
  ]);
  const unavailable = { code: 'STORE_UNAVAILABLE', mayHaveWritten: false, message: /locked by another connection \(SQLITE_BUSY\)/, cause: { code: 'SQLITE_BUSY' } };
  t.match(outcomes, [
    { status: 'rejected', reason: unavailable },
    { status: 'rejected', reason: unavailable },
  ]);
  for (const outcome of outcomes) t.type((outcome as PromiseRejectedResult).reason, StoreUnavailableError);
  other.exec('ROLLBACK');
  t.same(await store.readAll(), []);
  t.same(await store.append(newStream(), [newEvent()], { expectedVersion: 0 }), { version: 1, position: '1' });
});

t.test('subscriptions are woken once the group is committed, and see all of it', async (t) => {
  const store = open(t, { pollIntervalMs: 60_000 });
  const delivered: string[] = [];
  let caughtUp = 0;
  const subscription = store.subscribe({ onEvent: (event) => void delivered.push(event.id), onCaughtUp: () => (caughtUp += 1) });
  t.teardown(() => subscription.close());
  while (caughtUp < 1) await sleep(2);
  const events = Array.from({ length: 5 }, () => newEvent());
  await Promise.all(events.map((event) => store.append(newStream(), [event], { expectedVersion: 0 })));
  while (caughtUp < 2) await sleep(2);
  t.same(delivered, idsOf(events), 'woken by the commit, not by a poll (the poll interval is a minute)');
});

t.test('close() commits the appends still queued before the connection goes away', async (t) => {
  const store = openSqliteEventStore({ path: join(dir, 'closing.db') });
  const event = newEvent();
  const appended = store.append(newStream(), [event], { expectedVersion: 0 });
  await store.close();
  t.same(await appended, { version: 1, position: '1' });
  const committed = reader(t, store.path);
  t.same(committed(), [event.id]);
});

t.test('a writer thread that fails fails its appends and every later one, instead of leaving them waiting', async (t) => {
  const path = join(dir, 'doomed', 'store.db');
  const store = open(t, { path });
  // The thread starts at the first append and opens the file itself: make that impossible.
  await rm(join(dir, 'doomed'), { recursive: true });
  await writeFile(join(dir, 'doomed'), 'not a directory');
  const outcomes = await Promise.allSettled([
    store.append(newStream(), [newEvent()], { expectedVersion: 0 }),
    store.append(newStream(), [newEvent()], { expectedVersion: 0 }),
  ]);
  t.ok(
    outcomes.every((outcome) => outcome.status === 'rejected' && outcome.reason instanceof StoreWriterFailedError),
    'both appends failed with StoreWriterFailedError',
  );
  await rejectsWith(t, store.append(newStream(), [newEvent()], { expectedVersion: 0 }), StoreWriterFailedError, { code: 'STORE_WRITER_FAILED' });
  await store.close();
});

t.test('an idle writer thread does not keep the process alive; one with appends to answer does', async (t) => {
  const fixture = fileURLToPath(new URL('./fixtures/append-unclosed.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, join(dir, 'unclosed.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  t.equal(code, 0, 'the child exited by itself, its store never closed');
  t.same(JSON.parse(output), { version: 1, position: '1' }, 'after its append was answered');
});
