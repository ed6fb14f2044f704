import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { DuplicateEventIdError, InvalidCheckpointError, SqliteStoreNeedsFileError, StoreClosedError, WrongExpectedVersionError } from '../src/errors.ts';
import { openSqliteEventStore, type SqliteEventStoreOptions } from '../src/sqlite-event-store.ts';
import { eventStoreContract } from './contract.ts';
import { newEvent, newStream, rejectsWith, sleep } from './contract/helpers.ts';
import { appendInTurn } from './contract/read.ts';
import { checkStoreFile, startAppendLoop } from './support/append-loop-child.ts';

const dir = await mkdtemp(join(tmpdir(), 'meridian-event-store-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `store-${(files += 1)}.db`);

/** A store on a fresh file (unless `path` is given), closed after the test. */
function open(t: Test, options: Partial<SqliteEventStoreOptions> = {}) {
  const store = openSqliteEventStore({ path: newFile(), pollIntervalMs: 20, ...options });
  t.teardown(() => store.close());
  return store;
}

await eventStoreContract(t, 'SQLite adapter', {
  open: async () => openSqliteEventStore({ path: join(dir, 'contract.db'), pollIntervalMs: 20 }),
  quietMs: 150,
});

t.test('the file is durable: WAL, synchronous=FULL, a busy timeout, in a directory created for it', async (t) => {
  const path = join(dir, 'nested', 'deeper', 'meridian.db');
  const store = open(t, { path, busyTimeoutMs: 1234 });
  t.equal(store.path, path);
  t.equal(store.database.pragma('journal_mode', { simple: true }), 'wal');
  t.equal(store.database.pragma('synchronous', { simple: true }), 2, '2 = FULL');
  t.equal(store.database.pragma('busy_timeout', { simple: true }), 1234);
  const other = new Database(path, { readonly: true });
  t.teardown(() => other.close());
  t.equal(other.pragma('journal_mode', { simple: true }), 'wal', 'WAL is a property of the file');
});

t.test('an in-memory database is refused: the writer thread would open another one', async (t) => {
  for (const path of [':memory:', '']) t.throws(() => openSqliteEventStore({ path }), SqliteStoreNeedsFileError, JSON.stringify(path));
});

t.test('positions are 1..N without a gap, even after refused appends', async (t) => {
  const store = open(t);
  const [a, b] = [newStream(), newStream()];
  const stored = newEvent();
  await store.append(a, [stored, newEvent()], { expectedVersion: 0 });
  await rejectsWith(t, store.append(a, [newEvent()], { expectedVersion: 0 }), WrongExpectedVersionError);
  await rejectsWith(t, store.append(b, [newEvent(), stored], { expectedVersion: 0 }), DuplicateEventIdError);
  await store.append(b, [newEvent()], { expectedVersion: 0 });
  await store.append(a, [newEvent(), newEvent()], { expectedVersion: 2 });
  t.same((await store.readAll()).map((event) => event.position), ['1', '2', '3', '4', '5']);
  t.equal(await store.headCheckpoint(), '5');
});

t.test('a position is never handed out twice, even if its row is gone', async (t) => {
  const store = open(t);
  const stream = newStream();
  await store.append(stream, [newEvent(), newEvent()], { expectedVersion: 0 });
  store.database.prepare('DELETE FROM events WHERE position = 2').run();
  const result = await store.append(stream, [newEvent()], { expectedVersion: 1 });
  t.equal(result.position, '3');
});

t.test('checkpoints are decimal positions; others, or ones beyond the head, are refused', async (t) => {
  const store = open(t);
  t.equal(await store.headCheckpoint(), undefined, 'an empty store has no head');
  await store.append(newStream(), [newEvent(), newEvent()], { expectedVersion: 0 });
  t.same((await store.readAll({ after: '1' })).map((event) => event.position), ['2']);
  for (const checkpoint of ['0', '01', '1e1', ' 1', '3', '9007199254740993']) {
    await rejectsWith(t, store.readAll({ after: checkpoint }), InvalidCheckpointError, { checkpoint });
    t.throws(() => store.subscribe({ from: checkpoint, onEvent: () => undefined }), InvalidCheckpointError);
  }
});

t.test('recordedAt comes from the injected clock', async (t) => {
  const store = open(t, { now: () => '2025-11-26T08:20:00.000Z' });
  const stream = newStream();
  await store.append(stream, [newEvent()], { expectedVersion: 0 });
  t.equal((await store.readStream(stream))[0]?.recordedAt, '2025-11-26T08:20:00.000Z');
});

t.test('subscriptions read in bounded batches and report each catch-up with its checkpoint', async (t) => {
  const store = open(t, { batchSize: 2, batchChars: 10 });
  const stream = newStream();
  await appendInTurn(store, Array(5).fill(stream));
  const delivered: string[] = [];
  const caughtUp: (string | undefined)[] = [];
  const subscription = store.subscribe({
    onEvent: (event) => void delivered.push(event.position),
    onCaughtUp: (checkpoint) => caughtUp.push(checkpoint),
  });
  t.teardown(() => subscription.close());
  while (caughtUp.length < 1) await sleep(5);
  t.same(delivered, ['1', '2', '3', '4', '5']);
  t.same(caughtUp, ['5'], 'once, at the head');
  await store.append(stream, [newEvent()], { expectedVersion: 5 });
  while (caughtUp.length < 2) await sleep(5);
  t.same(caughtUp, ['5', '6'], 'again after the live event');
});

t.test('an empty store reports caught up with no checkpoint', async (t) => {
  const store = open(t);
  const caughtUp = await new Promise<string | undefined>((resolve) => {
    const subscription = store.subscribe({ onEvent: () => undefined, onCaughtUp: resolve });
    t.teardown(() => subscription.close());
  });
  t.equal(caughtUp, undefined);
});

t.test('close() of the store lets the handler in flight finish its work, then ends its subscriptions', async (t) => {
  const store = openSqliteEventStore({ path: newFile(), pollIntervalMs: 20 });
  const [source, reaction] = [newStream(), newStream()];
  let handling = false;
  const reacted: unknown[] = [];
  store.subscribe({
    onEvent: async (event) => {
      if (event.stream !== source) return;
      handling = true;
      await sleep(50);
      reacted.push(await store.append(reaction, [newEvent()], { expectedVersion: 0 }));
    },
    onError: (error) => reacted.push(error),
  });
  await store.append(source, [newEvent()], { expectedVersion: 0 });
  while (!handling) await sleep(2);
  await store.close();
  t.same(reacted, [{ version: 1, position: '2' }], 'the reaction was appended before the connection closed');
  t.throws(() => store.subscribe({ onEvent: () => undefined }), StoreClosedError);
});

t.test('other tables in the same file commit together with their projection state', async (t) => {
  const store = open(t);
  const stream = newStream();
  await appendInTurn(store, Array(3).fill(stream));
  const db = store.database;
  db.exec('CREATE TABLE projection (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER, checkpoint TEXT)');
  db.prepare('INSERT INTO projection VALUES (1, 0, NULL)').run();
  const project = db.transaction((checkpoint: string) => {
    db.prepare('UPDATE projection SET count = count + 1, checkpoint = ?').run(checkpoint);
  });
  for (const event of await store.readAll()) project(event.position);
  t.same(db.prepare('SELECT count, checkpoint FROM projection').get(), { count: 3, checkpoint: '3' });
});

t.test('appends of several processes on one file are serialised; subscriptions see them by polling', async (t) => {
  const path = newFile();
  const store = open(t, { path });
  const seen: string[] = [];
  const subscription = store.subscribe({ onEvent: (event) => void seen.push(event.id) });
  t.teardown(() => subscription.close());
  // Three processes race on two streams, each retrying its conflicts, 40 appends each.
  const children = [1, 2, 3].map(() => startAppendLoop(path, 'race', 2, 40));
  await Promise.all(children.map((child) => child.exited));
  const acks = children.flatMap((child) => child.acks);
  t.equal(acks.length, 120, 'every process made its 40 appends');
  const report = await checkStoreFile(path, acks);
  t.same(report.problems, [], 'versions and positions contiguous, every acknowledged append stored');
  const expected = acks.reduce((sum, ack) => sum + ack.ids.length, 0);
  t.equal(report.events, expected);
  while (seen.length < expected) await sleep(10);
  t.same(seen, (await store.readAll()).map((event) => event.id), 'the subscription saw them all, in order');
});
