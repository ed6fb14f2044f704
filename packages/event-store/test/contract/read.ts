/** Contract: reading one stream and the global order. */
import type { Test } from 'tap';
import { InvalidCheckpointError } from '../../src/errors.ts';
import type { EventStore, NewEvent } from '../../src/port.ts';
import { idsOf, newEvent, newStream, rejectsWith, type ContractContext } from './helpers.ts';

/** Appends one event at a time to the given streams, in that order; answers the events sent. */
export async function appendInTurn(store: EventStore, streams: readonly string[]): Promise<NewEvent[]> {
  const versions = new Map<string, number>();
  const sent: NewEvent[] = [];
  for (const stream of streams) {
    const event = newEvent({ stream, turn: sent.length });
    const expectedVersion = versions.get(stream) ?? 0;
    await store.append(stream, [event], { expectedVersion });
    versions.set(stream, expectedVersion + 1);
    sent.push(event);
  }
  return sent;
}

/** Reads: readStream after a version, readAll's global order, paging, refused checkpoints. */
export function readContract(t: Test, context: ContractContext): void {
  t.test('readStream reads the versions after afterVersion, in order', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const sent = await appendInTurn(store, Array(5).fill(stream));
    t.same(idsOf(await store.readStream(stream)), idsOf(sent));
    t.same(idsOf(await store.readStream(stream, { afterVersion: 0 })), idsOf(sent));
    const tail = await store.readStream(stream, { afterVersion: 2 });
    t.same(tail.map((event) => event.version), [3, 4, 5]);
    t.same(idsOf(tail), idsOf(sent.slice(2)));
    t.same(await store.readStream(stream, { afterVersion: 5 }), []);
    t.same(await store.readStream(newStream()), [], 'a stream that does not exist reads empty');
  });

  t.test('readStream reads at most limit events, the first after afterVersion', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const sent = await appendInTurn(store, Array(5).fill(stream));
    t.same(idsOf(await store.readStream(stream, { limit: 2 })), idsOf(sent.slice(0, 2)));
    t.same((await store.readStream(stream, { afterVersion: 2, limit: 2 })).map((event) => event.version), [3, 4]);
    t.same((await store.readStream(stream, { afterVersion: 4, limit: 2 })).map((event) => event.version), [5], 'fewer when fewer are left');
    t.same(idsOf(await store.readStream(stream, { limit: 1000 })), idsOf(sent));
    t.same(await store.readStream(newStream(), { limit: 1 }), [], 'a stream that does not exist reads empty');
  });

  t.test('a read limit that is not a positive integer is refused, by readStream and readAll alike', async (t) => {
    const store = await context.open(t);
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      await t.rejects(store.readStream(newStream(), { limit }), new RangeError(`limit must be an integer ≥ 1, not ${limit}`), `readStream, ${limit}`);
      await t.rejects(store.readAll({ limit }), new RangeError(`limit must be an integer ≥ 1, not ${limit}`), `readAll, ${limit}`);
    }
  });

  t.test('readAll gives one global order across streams, strictly after a checkpoint', async (t) => {
    const store = await context.open(t);
    const [a, b, c] = [newStream(), newStream(), newStream()];
    const head = await store.headCheckpoint();
    const sent = await appendInTurn(store, [a, b, a, c, b, a]);
    const mine = new Set([a, b, c]);
    const all = await store.readAll(head === undefined ? {} : { after: head });
    t.same(idsOf(all.filter((event) => mine.has(event.stream))), idsOf(sent), 'the order of the appends');
    t.same(
      all.filter((event) => event.stream === a).map((event) => event.version),
      [1, 2, 3],
      'each event keeps its stream version',
    );
    const third = all.find((event) => event.id === sent[2]!.id)!;
    const after = await store.readAll({ after: third.position });
    t.same(idsOf(after.filter((event) => mine.has(event.stream))), idsOf(sent.slice(3)), 'strictly after the checkpoint');
    const newest = await store.headCheckpoint();
    t.equal(newest, all.at(-1)?.position, 'headCheckpoint is the newest position');
    t.same((await store.readAll({ after: newest! })).filter((event) => mine.has(event.stream)), [], 'nothing after the head');
  });

  t.test('readAll pages with after and limit', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const head = await store.headCheckpoint();
    await appendInTurn(store, Array(5).fill(stream));
    const from = head === undefined ? {} : { after: head };
    const all = await store.readAll(from);
    const first = await store.readAll({ ...from, limit: 2 });
    t.same(idsOf(first), idsOf(all.slice(0, 2)));
    const second = await store.readAll({ after: first.at(-1)!.position, limit: 2 });
    t.same(idsOf(second), idsOf(all.slice(2, 4)));
    t.same(idsOf(await store.readAll({ after: second.at(-1)!.position, limit: 1000 })), idsOf(all.slice(4)));
  });

  t.test('a checkpoint the store cannot have issued is refused', async (t) => {
    const store = await context.open(t);
    for (const checkpoint of ['', 'not-a-checkpoint', '-1', '1.5']) {
      await rejectsWith(t, store.readAll({ after: checkpoint }), InvalidCheckpointError, { checkpoint });
    }
  });
}
