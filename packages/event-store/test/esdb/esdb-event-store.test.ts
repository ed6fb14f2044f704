/**
 * The EventStoreDB adapter: the contract suite against a real server when EVENTSTORE_URL names
 * one (deploy/README.md shows how to start it), and what can be checked without a server.
 */
import { execFile } from 'node:child_process';
import { setImmediate } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esdb from '@eventstore/db-client';
import t, { type Test } from 'tap';
import { InvalidAppendError, InvalidCheckpointError, InvalidStoreUrlError, StoreClosedError } from '../../src/errors.ts';
import { openEsdbCompetingConsumers } from '../../src/esdb/competing-consumers.ts';
import { openEsdbEventStore } from '../../src/esdb/esdb-event-store.ts';
import type { RecordedEvent } from '../../src/port.ts';
import { eventStoreContract } from '../contract.ts';
import { newEvent, newStream, rejectsWith, sleep } from '../contract/helpers.ts';
import { captureUncaught } from './support/uncaught.ts';

const url = process.env.EVENTSTORE_URL;
// Nothing listens on port 1: a request that reached the network would fail, not hang.
const nowhere = 'esdb://127.0.0.1:1?tls=false&maxDiscoverAttempts=1&defaultDeadline=1000';

if (url === undefined || url.trim() === '') {
  t.test('EventStoreDB contract suite', { skip: 'EVENTSTORE_URL is not set: the EventStoreDB contract suite did not run' }, () => undefined);
} else {
  await eventStoreContract(t, 'EventStoreDB adapter', {
    open: async () => openEsdbEventStore({ connectionString: url, resubscribe: { initialDelayMs: 50, maxDelayMs: 1000 } }),
    liveTimeoutMs: 10_000,
    quietMs: 500,
    // EventStoreDB keeps event ids unique per stream only (see src/esdb/append.ts)
    detectsIdsAcrossStreams: false,
  });

  t.test('EventStoreDB: checkpoints are $all positions, versions are revisions + 1', async (t) => {
    const store = openEsdbEventStore({ connectionString: url });
    t.teardown(() => store.close());
    const stream = newStream();
    const result = await store.append(stream, [newEvent(), newEvent()], { expectedVersion: 0 });
    t.match(result.position, /^\d+\/\d+$/);
    const [first, second] = await store.readStream(stream);
    t.same([first?.version, second?.version], [1, 2]);
    t.equal(second?.position, result.position);
    t.equal(await store.headCheckpoint().then((head) => head !== undefined), true);
  });

  t.test('EventStoreDB: competing consumers share a group; a failing event is parked after its retries', async (t) => {
    const store = openEsdbEventStore({ connectionString: url });
    const consumers = openEsdbCompetingConsumers({ connectionString: url });
    t.teardown(async () => {
      await consumers.close();
      await store.close();
    });
    const stream = newStream();
    const group = `contract-${stream.slice(-12)}`;
    const head = await store.headCheckpoint();
    const seen: [string, string][] = [];
    const failures: [string, string][] = [];
    const poison = newEvent({ poison: true });
    for (const name of ['a', 'b']) {
      consumers.consume(
        group,
        async (event: RecordedEvent) => {
          if (event.stream !== stream) return;
          if (event.id === poison.id) throw new Error('poison');
          seen.push([name, event.id]);
        },
        { startFrom: head ?? 'start', maxRetries: 2, onHandlerError: (_error, event, action) => failures.push([event.id, action]) },
      );
    }
    const events = Array.from({ length: 20 }, () => newEvent());
    await store.append(stream, [...events, poison], { expectedVersion: 0 });
    const deadline = Date.now() + 20_000;
    while ((seen.length < events.length || failures.length < 3) && Date.now() < deadline) await sleep(20);
    t.same(new Set(seen.map(([, id]) => id)), new Set(events.map((event) => event.id)), 'every event was handled');
    t.equal(seen.length, events.length, 'each by one consumer only');
    t.same(failures, [[poison.id, 'retry'], [poison.id, 'retry'], [poison.id, 'park']], 'retried twice, then parked');
  });
}

t.test('a connection string the client would misread is refused when the store is opened', async (t) => {
  t.throws(() => openEsdbEventStore({ connectionString: 'esdb://localhost:2113?tlsVerifyCert=false' }), InvalidStoreUrlError);
  t.throws(() => openEsdbEventStore({ connectionString: 'esdb://a:2113?tls=false', readPageSize: 0 }), RangeError);
  // a page of one, read from the last position seen, would hold only that event: reads would stop
  t.throws(() => openEsdbEventStore({ connectionString: 'esdb://a:2113?tls=false', readPageSize: 1 }), RangeError);
  t.throws(() => openEsdbCompetingConsumers({ connectionString: 'esdb+discover://a,b' }), InvalidStoreUrlError);
});

t.test('malformed appends and foreign checkpoints are refused without a request to the server', async (t) => {
  const store = openEsdbEventStore({ connectionString: nowhere });
  t.teardown(() => store.close());
  t.equal(store.connection.hosts[0]?.port, 1);
  await rejectsWith(t, store.append('meeting-1', [], { expectedVersion: 0 }), InvalidAppendError);
  await rejectsWith(t, store.append('meeting-1', [{ ...newEvent(), data: undefined }], { expectedVersion: 0 }), InvalidAppendError);
  await rejectsWith(t, store.append('meeting-1', [newEvent()], { expectedVersion: -1 }), InvalidAppendError);
  await rejectsWith(t, store.readAll({ after: '42' }), InvalidCheckpointError, { checkpoint: '42' });
  await t.rejects(store.readAll({ limit: 0 }), RangeError);
  await t.rejects(store.readStream('meeting-1', { afterVersion: -1 }), RangeError);
  t.throws(() => store.subscribe({ from: 'not-a-checkpoint', onEvent: () => undefined }), InvalidCheckpointError);
});

t.test('a closed store refuses work; closing twice is harmless', async (t) => {
  const store = openEsdbEventStore({ connectionString: nowhere });
  await store.close();
  await store.close();
  await rejectsWith(t, store.append('meeting-1', [newEvent()], { expectedVersion: 0 }), StoreClosedError);
  await rejectsWith(t, store.readStream('meeting-1'), StoreClosedError);
  await rejectsWith(t, store.readAll(), StoreClosedError);
  await rejectsWith(t, store.headCheckpoint(), StoreClosedError);
  t.throws(() => store.subscribe({ onEvent: () => undefined }), StoreClosedError);
});

t.test('an unreachable cluster makes a subscription retry with backoff, and close() still ends it', async (t) => {
  const retries: number[] = [];
  const errors: unknown[] = [];
  const retrying = openEsdbEventStore({
    connectionString: nowhere,
    resubscribe: { initialDelayMs: 10, maxDelayMs: 20 },
    onSubscriptionRetry: (_error, attempt) => retries.push(attempt),
  });
  const subscription = retrying.subscribe({ onEvent: () => undefined, onError: (error) => errors.push(error) });
  const deadline = Date.now() + 15_000;
  while (retries.length < 2 && Date.now() < deadline) await sleep(20);
  t.ok(retries.length >= 2, `retried (${retries.join(', ')})`);
  t.same(retries.slice(0, 2), [1, 2], 'attempts counted up');
  await subscription.close();
  await retrying.close();
  t.same(errors, [], 'an unreachable cluster is not a fatal error');
});

t.test('close() disposes of the client even after a subscription’s onError threw', (t) =>
  closesAfterAThrowingOnError(t, (onError) => {
    const store = openEsdbEventStore({ connectionString: nowhere, onSubscriptionRetry: failingRetryHook });
    store.subscribe({ onEvent: () => undefined, onError });
    return store;
  }),
);

t.test('close() of the competing consumers disposes of the client even after an onError threw', (t) =>
  closesAfterAThrowingOnError(t, (onError) => {
    const consumers = openEsdbCompetingConsumers({ connectionString: nowhere, onRetry: failingRetryHook });
    consumers.consume('notify', () => undefined, { onError });
    return consumers;
  }),
);

// A retry hook that throws stops a subscription: a way to a fatal stop without a server.
const failingRetryHook = () => {
  throw new Error('the retry log is down');
};

/**
 * Opens a subscriber (with the client it owns) whose `onError` closes it and throws, as a service
 * shutting down on the error would: close() then runs while the subscription is still ending. The
 * client must be disposed of, and what onError threw be an uncaught exception, not a rejection of close().
 */
async function closesAfterAThrowingOnError(t: Test, open: (onError: () => void) => { close(): Promise<void> }): Promise<void> {
  const uncaught = captureUncaught(t);
  const disposed = countDisposals(t);
  const failure = new Error('the error log is down');
  let closing: Promise<void> | undefined;
  const subscriber = open(() => {
    closing = subscriber.close();
    throw failure;
  });
  const deadline = Date.now() + 15_000;
  while (closing === undefined && Date.now() < deadline) await sleep(20);
  await closing;
  await setImmediate(); // after the tick onError's exception is thrown on
  t.equal(disposed(), 1, 'the client was disposed of');
  t.same(uncaught, [failure], 'what onError threw is an uncaught exception, not a rejection of close()');
}

/** How many clients have been disposed of since the test began; the clients are the real ones. */
function countDisposals(t: Test): () => number {
  let disposals = 0;
  const connectionString = esdb.EventStoreDBClient.connectionString.bind(esdb.EventStoreDBClient);
  t.capture(esdb.EventStoreDBClient, 'connectionString', (...args: Parameters<typeof connectionString>) => {
    const client = connectionString(...args);
    const dispose = client.dispose;
    client.dispose = async () => {
      disposals += 1;
      await dispose();
    };
    return client;
  });
  return () => disposals;
}

t.test('opening the package does not load the EventStoreDB client (~0.6 s, ~25 MB)', async (t) => {
  const entry = fileURLToPath(new URL('../../src/esdb/esdb-event-store.ts', import.meta.url));
  const script = [
    `await import(${JSON.stringify(entry)});`,
    `const { createRequire } = await import('node:module');`,
    `const cache = createRequire(import.meta.url).cache;`,
    `console.log(Object.keys(cache).some((path) => path.includes('@eventstore')));`,
  ].join('\n');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  t.equal(stdout.trim(), 'false');
});
