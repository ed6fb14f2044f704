/** handleCommand: a cached fold taken on trust, confirmed on the stream when the append did not prove it. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { AggregateCache, handleCommand, type Decider } from '../src/command-handler.ts';
import { WrongExpectedVersionError } from '../src/errors.ts';
import type { EventStore } from '../src/port.ts';
import { openSqliteEventStore } from '../src/sqlite-event-store.ts';
import { newStream, rejectsWith } from './contract/helpers.ts';

const dir = await mkdtemp(join(tmpdir(), 'meridian-command-handler-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));
let files = 0;

/** A counter with an owner: `Add` adds, refused past a limit; `Touch` decides nothing. */
type Counter = { readonly owner: string | null; readonly total: number };
type Command = { readonly type: 'Open'; readonly owner: string } | { readonly type: 'Add'; readonly amount: number } | { readonly type: 'Touch' };
type Event = { readonly type: 'Opened'; readonly data: { owner: string } } | { readonly type: 'Added'; readonly data: { amount: number } };

class LimitExceededError extends Error {}

const counter: Decider<Counter, Command, Event> = {
  initialState: () => ({ owner: null, total: 0 }),
  evolve: (state, event) => (event.type === 'Opened' ? { ...state, owner: event.data.owner } : { ...state, total: state.total + event.data.amount }),
  decide: (command, state) => {
    if (command.type === 'Open') return [{ type: 'Opened', data: { owner: command.owner } }];
    if (command.type === 'Touch') return [];
    if (state.total + command.amount > 10) throw new LimitExceededError();
    return [{ type: 'Added', data: { amount: command.amount } }];
  },
};
const metadata = { actor: 'test', correlationId: 'c', occurredAt: '2025-11-26T08:20:00.000Z' };

/** Two clients on one file (two processes, as far as the cache knows), the first one counting its stream reads. */
function openPair(t: Test) {
  const path = join(dir, `store-${(files += 1)}.db`);
  const [store, other] = [openSqliteEventStore({ path }), openSqliteEventStore({ path })];
  t.teardown(() => Promise.all([store.close(), other.close()]));
  const reads = { count: 0 };
  const counted: EventStore = {
    ...store,
    append: store.append,
    readStream: (...args) => {
      reads.count += 1;
      return store.readStream(...args);
    },
  };
  return { store: counted, adapter: store, other, reads };
}

const run = (store: EventStore, stream: string, command: Command, options: Partial<Parameters<typeof handleCommand<Counter, Command, Event>>[4]> = {}) =>
  handleCommand(store, stream, counter, command, { metadata, ...options });

t.test('a cached fold is decided on without reading the stream: the append proves it current', async (t) => {
  const { store, reads } = openPair(t);
  const cache = new AggregateCache<Counter>();
  const stream = newStream();
  await run(store, stream, { type: 'Open', owner: 'ada' }, { cache });
  t.equal(reads.count, 1, 'a stream not cached is read');
  const outcome = await run(store, stream, { type: 'Add', amount: 3 }, { cache });
  t.equal(reads.count, 1, 'the cached one is not');
  t.same({ version: outcome.version, total: outcome.state.total }, { version: 2, total: 3 });
});

t.test('a stale cache (another process appended) is decided again on the stream, and that is no retry', async (t) => {
  const { store, other, reads } = openPair(t);
  const cache = new AggregateCache<Counter>();
  const stream = newStream();
  await run(store, stream, { type: 'Open', owner: 'ada' }, { cache });
  await run(other, stream, { type: 'Add', amount: 4 });
  const outcome = await run(store, stream, { type: 'Add', amount: 5 }, { cache, retriesOnConflict: 0 });
  t.same({ version: outcome.version, total: outcome.state.total }, { version: 3, total: 9 }, 'decided on the fresh state');
  t.same(cache.get(stream)?.version, 3);
  t.equal(reads.count, 2, 'one read to confirm after the conflict');
});

t.test('refusals, If-Match mismatches and decisions of nothing are confirmed on the stream before they stand', async (t) => {
  const { store, other } = openPair(t);
  const cache = new AggregateCache<Counter>();
  const stream = newStream();
  await run(store, stream, { type: 'Open', owner: 'ada' }, { cache });
  await run(store, stream, { type: 'Add', amount: 8 }, { cache });

  // Another process hands the counter to bob: only the stream knows.
  await other.append(stream, [{ id: randomUUID(), type: 'Opened', data: { owner: 'bob' }, metadata }], { expectedVersion: 2 });
  const authorize = (state: Counter) => {
    if (state.owner !== 'bob') throw new Error(`not bob's but ${state.owner}'s`);
  };
  const added = await run(store, stream, { type: 'Add', amount: 1 }, { cache, authorize });
  t.equal(added.version, 4, 'an authorisation refused on the cached fold was decided again on the stream');

  await run(other, stream, { type: 'Add', amount: 1 });
  await rejectsWith(t, run(store, stream, { type: 'Add', amount: 1 }, { cache, expectedVersion: 4 }), WrongExpectedVersionError, {
    expectedVersion: 4,
    actualVersion: 5,
  });
  t.equal(cache.get(stream)?.version, 5, 'the If-Match mismatch was judged on the stream, not on the cached version 4');
  await rejectsWith(t, run(store, stream, { type: 'Add', amount: 1 }, { cache, expectedVersion: 4 }), WrongExpectedVersionError);

  await run(other, stream, { type: 'Add', amount: 0 });
  const touched = await run(store, stream, { type: 'Touch' }, { cache });
  t.same({ version: touched.version, append: touched.append }, { version: 6, append: null }, 'nothing decided, at the version of the stream');

  await rejectsWith(t, run(store, stream, { type: 'Add', amount: 5 }, { cache }), LimitExceededError);
});

t.test('commands of one process on one stream run one after another, so none of a burst conflicts', async (t) => {
  const { store, adapter } = openPair(t);
  const cache = new AggregateCache<Counter>();
  const stream = newStream();
  await run(store, stream, { type: 'Open', owner: 'ada' }, { cache });
  const outcomes = await Promise.all(Array.from({ length: 8 }, () => run(store, stream, { type: 'Add', amount: 1 }, { cache, retriesOnConflict: 0 })));
  t.same(
    outcomes.map((outcome) => outcome.version),
    [2, 3, 4, 5, 6, 7, 8, 9],
    'each decided on the state its predecessor appended',
  );
  const refused = await Promise.allSettled([run(store, stream, { type: 'Add', amount: 5 }, { cache }), run(store, stream, { type: 'Add', amount: 1 }, { cache })]);
  t.match(refused, [{ status: 'rejected' }, { status: 'fulfilled', value: { version: 10 } }], 'a refused command does not stop the next one');
  const commits = adapter.groupCommit.commits;
  await Promise.all([newStream(), newStream(), newStream()].map((other) => run(adapter, other, { type: 'Open', owner: 'ada' }, { cache })));
  t.equal(adapter.groupCommit.commits, commits + 1, 'commands on other streams are not held up: they share one commit');
});
