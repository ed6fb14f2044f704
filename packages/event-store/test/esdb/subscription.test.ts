import type { Position } from '@eventstore/db-client';
import t from 'tap';
import { InvalidCheckpointError } from '../../src/errors.ts';
import { backoffDelay } from '../../src/esdb/backoff.ts';
import { toEventData } from '../../src/esdb/events.ts';
import { createDeliveryLedger, startEsdbSubscription, type EsdbSubscriptionSource } from '../../src/esdb/subscription.ts';
import type { RecordedEvent, SubscribeOptions } from '../../src/port.ts';
import { newEvent, sleep } from '../contract/helpers.ts';
import { scriptedSubscription, type ScriptedSubscription, type StoredOnServer } from './support/messages.ts';
import { captureUncaught } from './support/uncaught.ts';

// The subscription logic is driven here through the client's own Subscription class and wire
// messages, over a transport the test writes to: drops, checkpoints and read-ahead can be staged
// exactly. This is not a server: what EventStoreDB itself does is the contract suite's to check.

/** Event number n of the staged $all: position n*100, in stream `meeting-1` at revision n-1. */
function stored(n: number, type = 'ContractChecked'): StoredOnServer {
  const event = { ...newEvent({ n }, type), id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` };
  return {
    stream: type.startsWith('$') ? '$stats-node' : 'meeting-1',
    revision: BigInt(n - 1),
    position: { commit: BigInt(n * 100), prepare: BigInt(n * 100) },
    createdMs: Date.parse('2025-11-26T08:20:00.000Z'),
    event: toEventData('meeting-1', event),
  };
}

function stagedSource() {
  const opened: { from: Position | undefined; script: ScriptedSubscription }[] = [];
  const source: EsdbSubscriptionSource = {
    async open(from, checkpointReached) {
      const script = scriptedSubscription(checkpointReached);
      opened.push({ from, script });
      return script.subscription;
    },
  };
  const current = async () => {
    while (opened.length === 0) await sleep(1);
    return opened.at(-1)!.script;
  };
  return { opened, source, current };
}

async function until(what: string, done: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

const numbers = (events: readonly RecordedEvent[]) => events.map((event) => (event.data as { n: number }).n);

t.test('backoff doubles from 100 ms to a 10 s ceiling, half of it jittered', async (t) => {
  t.equal(backoffDelay(1, {}, () => 0), 50);
  t.equal(backoffDelay(1, {}, () => 1), 100);
  t.equal(backoffDelay(4, {}, () => 1), 800);
  t.equal(backoffDelay(4, {}, () => 0.5), 600);
  t.equal(backoffDelay(8, {}, () => 1), 10_000, 'capped');
  t.equal(backoffDelay(1000, { initialDelayMs: 5, maxDelayMs: 60 }, () => 1), 60, 'no overflow for long outages');
  t.throws(() => backoffDelay(0), RangeError);
  t.throws(() => backoffDelay(1, { initialDelayMs: 100, maxDelayMs: 10 }), RangeError);
});

t.test('the ledger runs a mark only once the events read before it are handled', async (t) => {
  const ledger = createDeliveryLedger();
  const runs: string[] = [];
  ledger.mark(0, () => runs.push('idle: at once'));
  ledger.received(); // one event in the handler
  ledger.mark(2, () => runs.push('after 3'));
  ledger.handled();
  ledger.received();
  ledger.handled();
  t.same(runs, ['idle: at once'], 'not after 2');
  ledger.received();
  ledger.handled();
  t.same(runs, ['idle: at once', 'after 3']);
  let drained = false;
  const waiting = ledger.drained(1).then(() => (drained = true));
  await sleep(5);
  t.notOk(drained, 'one still buffered');
  ledger.received();
  ledger.handled();
  await waiting;
  t.ok(drained);
  const released = ledger.drained(5);
  ledger.release();
  await released;
  t.pass('release lets a pending drain go');
});

t.test('delivers user events strictly after `from`, in order, then reports caught up after them', async (t) => {
  const { source, current, opened } = stagedSource();
  const delivered: RecordedEvent[] = [];
  const caughtUp: (string | undefined)[] = [];
  let caughtUpWhenDelivered = -1;
  const subscription = startEsdbSubscription(source, {
    from: '200/200',
    onEvent: async (event) => {
      await sleep(10); // slower than the client reads ahead
      delivered.push(event);
    },
    onCaughtUp: (checkpoint) => {
      caughtUp.push(checkpoint);
      caughtUpWhenDelivered = delivered.length;
    },
  });
  t.teardown(() => subscription.close());
  const script = await current();
  t.same(opened[0]!.from, { commit: 200n, prepare: 200n }, 'opened from the checkpoint');
  // The server may resend the event at the checkpoint; a system event slips through a filter.
  for (const n of [2, 3, 4]) script.event(stored(n));
  script.event(stored(5, '$statsCollected'));
  script.event(stored(6));
  script.caughtUp();
  await until('caught up', () => caughtUp.length === 1);
  t.same(numbers(delivered), [3, 4, 6], 'not the one at the checkpoint, not the system event');
  t.equal(caughtUpWhenDelivered, 3, 'caught up was told after the buffered events, not when it arrived');
  t.same(caughtUp, ['600/600'], 'with the checkpoint of the last event delivered');
  t.same(delivered.map((event) => event.version), [3, 4, 6]);
  script.event(stored(7));
  await until('the live event', () => delivered.length === 4);
  t.equal(delivered[3]!.position, '700/700');
});

t.test('a drop resubscribes after a backoff from the last position kept, checkpoints included', async (t) => {
  const { source, current, opened } = stagedSource();
  const delivered: RecordedEvent[] = [];
  const retries: [string, number][] = [];
  const errors: unknown[] = [];
  const subscription = startEsdbSubscription(
    source,
    { onEvent: (event) => void delivered.push(event), onError: (error) => errors.push(error) },
    { backoff: { initialDelayMs: 20, maxDelayMs: 40 }, onRetry: (error, attempt) => retries.push([(error as Error).constructor.name, attempt]) },
  );
  t.teardown(() => subscription.close());
  const first = await current();
  t.equal(opened[0]!.from, undefined, 'from the start');
  first.event(stored(1));
  first.event(stored(2));
  // The filter scanned past system events up to 900 and said so.
  first.checkpoint({ commit: 900n, prepare: 900n });
  await until('two events', () => delivered.length === 2);
  first.fail(14, 'Connection dropped'); // UNAVAILABLE: a node went away
  await until('a second subscription', () => opened.length === 2);
  t.ok(first.cancelled, 'the dropped call was cancelled');
  t.same(opened[1]!.from, { commit: 900n, prepare: 900n }, 'resumed from the checkpoint the filter reached');
  t.same(retries, [['UnavailableError', 1]], 'the retry was told, with its attempt');
  const second = opened[1]!.script;
  second.event(stored(9)); // at the resume position: skipped
  second.event(stored(10));
  await until('the event after the drop', () => delivered.length === 3);
  t.same(numbers(delivered), [1, 2, 10]);
  t.same(errors, []);
});

t.test('a checkpoint is kept only once the events read before it are handled', async (t) => {
  const { source, current, opened } = stagedSource();
  const delivered: number[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const subscription = startEsdbSubscription(
    source,
    {
      onEvent: async (event) => {
        if ((event.data as { n: number }).n === 1) await gate;
        delivered.push((event.data as { n: number }).n);
      },
    },
    { backoff: { initialDelayMs: 5, maxDelayMs: 5 } },
  );
  t.teardown(() => subscription.close());
  const first = await current();
  first.event(stored(1)); // its handler hangs until released
  first.event(stored(2));
  first.checkpoint({ commit: 500n, prepare: 500n });
  await sleep(30);
  release();
  await until('both events', () => delivered.length === 2);
  first.fail(14, 'gone');
  await until('a resubscription', () => opened.length === 2);
  t.same(opened[1]!.from, { commit: 500n, prepare: 500n }, 'the checkpoint, kept after events 1 and 2');
  t.same(delivered, [1, 2]);
});

t.test('a handler rejection stops the subscription and reaches onError once; no resubscription', async (t) => {
  const { source, current, opened } = stagedSource();
  const failure = new Error('projection failed');
  const errors: unknown[] = [];
  const subscription = startEsdbSubscription(source, { onEvent: () => Promise.reject(failure), onError: (error) => errors.push(error) });
  const script = await current();
  script.event(stored(1));
  script.event(stored(2));
  await subscription.stopped;
  t.same(errors, [failure]);
  t.ok(script.cancelled, 'the call was cancelled');
  t.equal(opened.length, 1);
});

t.test('a fatal error of the client stops the subscription with onError', async (t) => {
  const { source, current } = stagedSource();
  const errors: unknown[] = [];
  const subscription = startEsdbSubscription(source, { onEvent: () => undefined, onError: (error) => errors.push(error) });
  (await current()).fail(16, 'bad credentials'); // UNAUTHENTICATED
  await subscription.stopped;
  t.equal(errors.length, 1);
  t.match(errors[0], { type: 'access-denied' });
});

t.test('an onError that throws is thrown on the next tick, and `stopped` still resolves', async (t) => {
  const uncaught = captureUncaught(t);
  const { source, current } = stagedSource();
  const failure = new Error('the error log is down');
  const subscription = startEsdbSubscription(source, {
    onEvent: () => undefined,
    onError: () => {
      throw failure;
    },
  });
  (await current()).fail(16, 'bad credentials'); // UNAUTHENTICATED
  await subscription.stopped;
  await until('the uncaught exception', () => uncaught.length > 0);
  t.same(uncaught, [failure]);
});

t.test('close() waits for the handler in progress, cancels the call, and delivers nothing more', async (t) => {
  const { source, current } = stagedSource();
  let settled = false;
  const delivered: number[] = [];
  const subscription = startEsdbSubscription(source, {
    onEvent: async (event) => {
      delivered.push((event.data as { n: number }).n);
      await sleep(50);
      settled = true;
    },
  });
  const script = await current();
  script.event(stored(1));
  script.event(stored(2));
  await until('the first handler', () => delivered.length === 1);
  await subscription.close();
  t.ok(settled, 'resolved after the handler settled');
  t.ok(script.cancelled);
  await sleep(30);
  t.same(delivered, [1], 'the buffered event was not delivered');
});

t.test('a checkpoint this adapter cannot have issued is refused at once', async (t) => {
  const { source } = stagedSource();
  const options: SubscribeOptions = { from: '42', onEvent: () => undefined };
  t.throws(() => startEsdbSubscription(source, options), InvalidCheckpointError);
});
