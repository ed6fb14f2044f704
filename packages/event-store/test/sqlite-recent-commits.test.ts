/**
 * A store's subscriptions take the events of its own commits from what it committed lately,
 * without reading them back: they must get exactly what a read of the file gives, in order,
 * without a gap, also when other processes append in between and when appends are refused or
 * answered as retries.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { openSqliteEventStore, type SqliteEventStore } from '../src/sqlite-event-store.ts';
import { prepareAppend } from '../src/sqlite-append.ts';
import { createRecentCommits } from '../src/sqlite-recent-commits.ts';
import type { RecordedEvent } from '../src/port.ts';
import { newEvent, newStream, sleep } from './contract/helpers.ts';

const dir = await mkdtemp(join(tmpdir(), 'meridian-recent-commits-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `store-${(files += 1)}.db`);

const RECORDED_AT = '2031-01-01T00:00:00.000Z';

/** What a commit of `count` events on a new stream, its last at `lastPosition`, tells the store. */
const committed = (count: number, lastPosition: number, data: unknown = { n: 1 }) => {
  const prepared = prepareAppend(newStream(), Array.from({ length: count }, () => newEvent(data)), 0);
  return { recordedAt: RECORDED_AT, appends: [{ prepared, result: { version: count, position: String(lastPosition) } }] };
};
/** A batch of at most `maxEvents`, however large. */
const upTo = (maxEvents: number) => ({ maxEvents, maxChars: Number.POSITIVE_INFINITY });
const positionsOf = (events: readonly RecordedEvent[] | undefined) => events?.map((event) => event.position);

t.test('kept events are answered right after a kept position, or the one just before the run', async (t) => {
  const recent = createRecentCommits({ maxEvents: 100, maxChars: 1_000_000 });
  const first = committed(2, 5);
  recent.record(first);
  recent.record(committed(1, 6));
  t.same(positionsOf(recent.after(3, upTo(10))), ['4', '5', '6'], 'from the one before the run');
  t.same(positionsOf(recent.after(4, upTo(10))), ['5', '6']);
  t.same(positionsOf(recent.after(3, upTo(2))), ['4', '5'], 'a batch bounded in events');
  t.same(positionsOf(recent.after(3, { maxEvents: 10, maxChars: 1 })), ['4'], 'and in characters: the event that reaches the bound is the last');
  t.same(recent.after(6, upTo(10)), [], 'none after the last');
  t.equal(recent.after(2, upTo(10)), undefined, 'before the run: read the file');
  t.equal(recent.after(7, upTo(10)), undefined, 'beyond the run: read the file');
  const [event] = recent.after(3, upTo(1))!;
  const sent = first.appends[0]!.prepared;
  t.same(event, {
    id: sent.events[0]!.id,
    type: 'ContractChecked',
    data: { n: 1 },
    metadata: JSON.parse(sent.events[0]!.metadata),
    stream: sent.stream,
    version: 1,
    position: '4',
    recordedAt: RECORDED_AT,
  });
  t.not(recent.after(3, upTo(1))![0]!.data, event!.data, 'parsed anew for each reader');
});

t.test('an append that does not follow the last kept one starts the run afresh', async (t) => {
  const recent = createRecentCommits({ maxEvents: 100, maxChars: 1_000_000 });
  recent.record(committed(2, 5));
  recent.record(committed(2, 9)); // 6 and 7 were appended by another process
  t.equal(recent.after(5, upTo(10)), undefined, 'what lies between is read from the file');
  t.equal(recent.after(3, upTo(10)), undefined);
  t.same(positionsOf(recent.after(7, upTo(10))), ['8', '9']);
});

t.test('past a bound the oldest events are forgotten, down to half of it; an event too large is not kept', async (t) => {
  const recent = createRecentCommits({ maxEvents: 4, maxChars: 1_000 });
  for (let position = 1; position <= 4; position += 1) recent.record(committed(1, position));
  t.same(positionsOf(recent.after(0, upTo(10))), ['1', '2', '3', '4'], 'within the bounds, all kept');
  recent.record(committed(1, 5));
  t.equal(recent.after(2, upTo(10)), undefined, 'one past the bound: forgotten down to half of it');
  t.same(positionsOf(recent.after(3, upTo(10))), ['4', '5']);
  recent.record(committed(1, 6, { text: 'x'.repeat(2_000) }));
  t.equal(recent.after(5, upTo(10)), undefined, 'the large one is read from the file');
  recent.record(committed(1, 7));
  t.same(positionsOf(recent.after(6, upTo(10))), ['7'], 'and the run goes on after it');
});

/** Subscribes from the start; `until` resolves once `count` events have been delivered. */
function deliveries(t: Test, store: SqliteEventStore) {
  const events: RecordedEvent[] = [];
  const subscription = store.subscribe({ onEvent: (event) => void events.push(event), onError: (error) => t.error(error) });
  t.teardown(() => subscription.close());
  return {
    events,
    until: async (count: number) => {
      for (const deadline = Date.now() + 5000; events.length < count && Date.now() < deadline; ) await sleep(5);
    },
  };
}

t.test('a subscription gets its store\'s commits as the file holds them: refused appends and retries left out', async (t) => {
  const store = openSqliteEventStore({ path: newFile(), pollIntervalMs: 20 });
  t.teardown(() => store.close());
  const delivered = deliveries(t, store);
  const [a, b] = [newStream(), newStream()];
  const original = [newEvent({ n: 'original' }), newEvent()];
  await Promise.all([store.append(a, original, { expectedVersion: 0 }), store.append(b, [newEvent()], { expectedVersion: 0 })]);
  // one turn, one commit: a conflict, a retry of an earlier append (its data changed since), a
  // retry of an append of the same turn, and appends stored around them
  const again = [newEvent()];
  await Promise.allSettled([
    store.append(b, [newEvent()], { expectedVersion: 1 }),
    store.append(b, [newEvent()], { expectedVersion: 1 }),
    store.append(a, original.map((event) => ({ ...event, data: { n: 'changed' } })), { expectedVersion: 0 }),
    store.append(a, again, { expectedVersion: 2 }),
    store.append(a, again, { expectedVersion: 2 }),
    store.append(a, [newEvent(), newEvent()], { expectedVersion: 3 }),
  ]);
  t.same(store.groupCommit, { commits: 2, appends: 8 }, 'the second turn was one commit');
  const stored = await store.readAll();
  t.equal(stored.length, 7);
  await delivered.until(stored.length);
  await sleep(50);
  t.same(delivered.events, stored, 'every event once, in order, as read from the file');
  t.same(stored[0]!.data, { n: 'original' }, 'the retry did not change what is stored');
});

t.test('with another process appending between its commits, a subscription still gets every event once, in order', async (t) => {
  const path = newFile();
  const [own, other] = [openSqliteEventStore({ path, pollIntervalMs: 20 }), openSqliteEventStore({ path, pollIntervalMs: 20 })];
  t.teardown(() => Promise.all([own.close(), other.close()]));
  const delivered = deliveries(t, own);
  const appendLoop = async (store: SqliteEventStore, turns: number) => {
    const streams = [newStream(), newStream()];
    for (let turn = 0; turn < turns; turn += 1) {
      await Promise.all(streams.map((stream) => store.append(stream, [newEvent(), newEvent()], { expectedVersion: 2 * turn })));
      if (turn % 3 === 0) await sleep(1);
    }
  };
  await Promise.all([appendLoop(own, 40), appendLoop(other, 40)]);
  const stored = await own.readAll();
  t.equal(stored.length, 320);
  await delivered.until(stored.length);
  await sleep(50);
  t.same(delivered.events, stored, 'every event once, in order, as read from the file');
});

t.test('a subscription from a checkpoint inside what was committed lately starts right after it', async (t) => {
  const store = openSqliteEventStore({ path: newFile(), pollIntervalMs: 20 });
  t.teardown(() => store.close());
  const stream = newStream();
  await store.append(stream, [newEvent(), newEvent(), newEvent()], { expectedVersion: 0 });
  const events: string[] = [];
  const subscription = store.subscribe({ from: '2', onEvent: (event) => void events.push(event.position) });
  t.teardown(() => subscription.close());
  await store.append(stream, [newEvent()], { expectedVersion: 3 });
  for (const deadline = Date.now() + 5000; events.length < 2 && Date.now() < deadline; ) await sleep(5);
  await sleep(50);
  t.same(events, ['3', '4']);
});

t.test('a retry of another process\'s append is not taken for events of this commit', async (t) => {
  const path = newFile();
  const [own, other] = [openSqliteEventStore({ path, pollIntervalMs: 20 }), openSqliteEventStore({ path, pollIntervalMs: 20 })];
  t.teardown(() => Promise.all([own.close(), other.close()]));
  const delivered = deliveries(t, own);
  await own.append(newStream(), [newEvent()], { expectedVersion: 0 });
  await delivered.until(1);
  // appended by the other process right after this one's last commit, then retried here with other data
  const stream = newStream();
  const theirs = [newEvent({ n: 'theirs' })];
  await other.append(stream, theirs, { expectedVersion: 0 });
  t.same(await own.append(stream, theirs.map((event) => ({ ...event, data: { n: 'retried' } })), { expectedVersion: 0 }), { version: 1, position: '2' });
  await delivered.until(2);
  await sleep(50);
  t.same(delivered.events, await own.readAll());
  t.same(delivered.events[1]!.data, { n: 'theirs' });
});
