/** Contract: subscriptions (catch-up, live, order, close, errors). */
import type { Test } from 'tap';
import { InvalidCheckpointError } from '../../src/errors.ts';
import { idsOf, newEvent, newStream, sleep, watch, type ContractContext } from './helpers.ts';
import { appendInTurn } from './read.ts';

/** Subscriptions: strictly after a checkpoint, live, in order, sequential, close, onError. */
export function subscribeContract(t: Test, context: ContractContext): void {
  t.test('subscribe delivers strictly after its checkpoint, catches up, then stays live', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const before = await appendInTurn(store, Array(3).fill(stream));
    const checkpoint = (await store.readStream(stream))[1]!.position;
    const watcher = watch(t, context, store, { from: checkpoint, streams: [stream] });
    await watcher.untilCaughtUp();
    t.same(idsOf(watcher.events), idsOf(before.slice(2)), 'caught up with what followed the checkpoint');
    const live = [newEvent(), newEvent()];
    await store.append(stream, live.slice(0, 1), { expectedVersion: 3 });
    await store.append(stream, live.slice(1), { expectedVersion: 4 });
    await watcher.until(3);
    t.same(idsOf(watcher.events), idsOf([...before.slice(2), ...live]), 'then the live events, in order');
    t.same(watcher.events.map((event) => event.version), [3, 4, 5]);
    t.same(watcher.errors, []);
  });

  t.test('subscribe without a checkpoint starts from the beginning', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const stored = await appendInTurn(store, Array(3).fill(stream));
    const first = await store.readAll({ limit: 1 });
    const seen: string[] = [];
    const watcher = watch(t, context, store, { streams: [stream], onEvent: (event) => void seen.push(event.id) });
    await watcher.until(3);
    t.equal(seen[0], first[0]?.id, 'the first event of the store comes first');
    t.same(idsOf(watcher.events), idsOf(stored));
  });

  t.test('a subscription sees what another client appends', async (t) => {
    const [reader, writer] = [await context.open(t), await context.open(t)];
    const stream = newStream();
    const head = await reader.headCheckpoint();
    const watcher = watch(t, context, reader, { ...(head === undefined ? {} : { from: head }), streams: [stream] });
    await watcher.untilCaughtUp();
    const sent = await appendInTurn(writer, Array(3).fill(stream));
    await watcher.until(3);
    t.same(idsOf(watcher.events), idsOf(sent));
  });

  t.test('handlers run one at a time, in global order, each awaited', async (t) => {
    const store = await context.open(t);
    const [a, b] = [newStream(), newStream()];
    const head = await store.headCheckpoint();
    let running = 0;
    let overlaps = 0;
    const watcher = watch(t, context, store, {
      ...(head === undefined ? {} : { from: head }),
      streams: [a, b],
      onEvent: async () => {
        running += 1;
        if (running > 1) overlaps += 1;
        await sleep(Math.random() * 3);
        running -= 1;
      },
    });
    const sent = await appendInTurn(store, [a, b, b, a, b, a, a, b, a, b]);
    await watcher.until(sent.length);
    t.equal(overlaps, 0, 'never two handlers at once');
    t.same(idsOf(watcher.events), idsOf(sent));
  });

  t.test('close() waits for the handler in progress, then nothing more is delivered', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const head = await store.headCheckpoint();
    let started = false;
    let settled = false;
    const watcher = watch(t, context, store, {
      ...(head === undefined ? {} : { from: head }),
      streams: [stream],
      onEvent: async (event) => {
        if (event.stream !== stream) return;
        started = true;
        await sleep(100);
        settled = true;
      },
    });
    await store.append(stream, [newEvent()], { expectedVersion: 0 });
    while (!started) await sleep(2);
    await watcher.close();
    t.ok(settled, 'close resolved after the handler settled');
    await store.append(stream, [newEvent()], { expectedVersion: 1 });
    await sleep(context.quietMs);
    t.equal(watcher.events.length, 1, 'no delivery after close');
  });

  t.test('a handler rejection stops the subscription and reaches onError', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const head = await store.headCheckpoint();
    const failure = new Error('projection failed');
    const watcher = watch(t, context, store, {
      ...(head === undefined ? {} : { from: head }),
      streams: [stream],
      onEvent: (event) => (event.stream === stream ? Promise.reject(failure) : undefined),
    });
    await store.append(stream, [newEvent()], { expectedVersion: 0 });
    await watcher.until(1);
    await store.append(stream, [newEvent()], { expectedVersion: 1 });
    await sleep(context.quietMs);
    t.same(watcher.errors, [failure], 'onError got the rejection, once');
    t.equal(watcher.events.length, 1, 'the next event was not delivered');
  });

  t.test('subscribing from a checkpoint the store cannot have issued fails', async (t) => {
    const store = await context.open(t);
    // An adapter may refuse it at once or through onError; either way nothing is delivered.
    const errors: unknown[] = [];
    try {
      const subscription = store.subscribe({ from: 'not-a-checkpoint', onEvent: () => undefined, onError: (e) => errors.push(e) });
      t.teardown(() => subscription.close());
      await sleep(context.quietMs);
    } catch (error) {
      errors.push(error);
    }
    t.equal(errors.length, 1);
    t.type(errors[0], InvalidCheckpointError);
  });
}
