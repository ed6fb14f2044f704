/** Contract: appends, expected versions, concurrency and idempotent retries. */
import type { Test } from 'tap';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedVersionError } from '../../src/errors.ts';
import type { AppendResult, NewEvent } from '../../src/port.ts';
import { idsOf, newEvent, newStream, rejectsWith, type ContractContext } from './helpers.ts';

/** Appends: expected versions, malformed batches, racing writers, idempotent retries. */
export function appendContract(t: Test, context: ContractContext): void {
  t.test('expectedVersion 0 creates a stream; its version is its number of events', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const batch = [newEvent({ title: 'Plenary' }, 'MeetingCreated'), newEvent({ title: 'Opening' }, 'SessionAdded')];
    const result = await store.append(stream, batch, { expectedVersion: 0 });
    t.equal(result.version, 2);
    t.type(result.position, 'string');
    const stored = await store.readStream(stream);
    t.same(
      stored.map(({ id, type, data, metadata, stream, version }) => ({ id, type, data, metadata, stream, version })),
      batch.map((event, index) => ({ ...event, stream, version: index + 1 })),
    );
    t.equal(stored[1]?.position, result.position, 'the result names the last event appended');
    t.ok(stored.every((event) => !Number.isNaN(Date.parse(event.recordedAt))), 'recordedAt is an instant');
  });

  t.test('every expected version other than the actual one is a conflict naming both', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    await rejectsWith(t, store.append(stream, [newEvent()], { expectedVersion: 1 }), WrongExpectedVersionError, {
      stream,
      expectedVersion: 1,
      actualVersion: 0,
    });
    await store.append(stream, [newEvent(), newEvent(), newEvent()], { expectedVersion: 0 });
    for (const expectedVersion of [0, 1, 2, 4, 10]) {
      await rejectsWith(t, store.append(stream, [newEvent()], { expectedVersion }), WrongExpectedVersionError, {
        stream,
        expectedVersion,
        actualVersion: 3,
      });
    }
    t.equal((await store.readStream(stream)).length, 3, 'no conflict wrote anything');
    t.same(await store.append(stream, [newEvent()], { expectedVersion: 3 }).then((r) => r.version), 4, 'the exact version appends');
  });

  t.test('malformed appends are refused before the store is touched', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const twice = newEvent();
    const cases: [string, readonly NewEvent[], number][] = [
      ['an empty batch', [], 0],
      ['a negative expected version', [newEvent()], -1],
      ['a fractional expected version', [newEvent()], 0.5],
      ['an id that is not a UUID', [{ ...newEvent(), id: 'not-a-uuid' }], 0],
      ['an upper-case UUID', [{ ...newEvent(), id: newEvent().id.toUpperCase() }], 0],
      ['the same id twice in one batch', [twice, twice], 0],
      ['an event without a type', [{ ...newEvent(), type: '' }], 0],
      ['a type that is not well-formed text (a lone surrogate)', [{ ...newEvent(), type: 'Session\uD800Added' }], 0],
      ['undefined data', [{ ...newEvent(), data: undefined }], 0],
      ['data holding a bigint', [newEvent({ amount: 1n })], 0],
      ['null metadata', [{ ...newEvent(), metadata: null as never }], 0],
    ];
    for (const [what, events, expectedVersion] of cases) {
      await rejectsWith(t, store.append(stream, events, { expectedVersion }), InvalidAppendError, { stream });
      t.pass(`refused: ${what}`);
    }
    await rejectsWith(t, store.append('', [newEvent()], { expectedVersion: 0 }), InvalidAppendError);
    // SQLite would keep it as invalid UTF-8 and answer U+FFFD: events would name another stream
    await rejectsWith(t, store.append(`${stream}\uDC00`, [newEvent()], { expectedVersion: 0 }), InvalidAppendError);
    t.same(await store.readStream(stream), [], 'the stream was not created');
  });

  t.test('of 20 concurrent appends with one expected version, exactly one wins', async (t) => {
    const [first, second] = [await context.open(t), await context.open(t)];
    for (const [label, clients] of [['one client', [first, first]], ['two clients', [first, second]]] as const) {
      const stream = newStream();
      const batches = Array.from({ length: 20 }, () => [newEvent(), newEvent()]);
      const outcomes = await Promise.allSettled(
        batches.map((batch, index) => clients[index % 2]!.append(stream, batch, { expectedVersion: 0 })),
      );
      const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
      t.equal(winners.length, 1, `${label}: one winner`);
      const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      t.ok(
        losers.every((error) => error instanceof WrongExpectedVersionError && error.actualVersion === 2),
        `${label}: 19 conflicts at version 2`,
      );
      t.same(idsOf(await second.readStream(stream)), idsOf(batches[winners[0]!]!), `${label}: only the winner is stored`);
    }
  });

  t.test('concurrent appends to different streams all succeed, each with its own result', async (t) => {
    const store = await context.open(t);
    const streams = Array.from({ length: 20 }, () => newStream());
    const batches = streams.map((_, index) => Array.from({ length: 1 + (index % 3) }, () => newEvent()));
    const results = await Promise.all(streams.map((stream, index) => store.append(stream, batches[index]!, { expectedVersion: 0 })));
    t.same(
      results.map((result) => result.version),
      batches.map((batch) => batch.length),
      'each version is its own batch size',
    );
    for (const [index, stream] of streams.entries()) {
      const stored = await store.readStream(stream);
      t.same(idsOf(stored), idsOf(batches[index]!), `stream ${index} holds its batch`);
      t.equal(stored.at(-1)?.position, results[index]!.position, `stream ${index}: the result names its last event`);
    }
    t.equal(new Set(results.map((result) => result.position)).size, streams.length, 'every append has a position of its own');
  });

  t.test('among concurrent appends, a conflict fails alone', async (t) => {
    const store = await context.open(t);
    const [busy, ...others] = Array.from({ length: 5 }, () => newStream());
    await store.append(busy!, [newEvent()], { expectedVersion: 0 });
    const batches = others.map(() => [newEvent(), newEvent()]);
    const [conflict, ...outcomes] = await Promise.allSettled([
      store.append(busy!, [newEvent()], { expectedVersion: 0 }),
      ...others.map((stream, index) => store.append(stream, batches[index]!, { expectedVersion: 0 })),
    ]);
    t.match(conflict, { status: 'rejected', reason: { constructor: WrongExpectedVersionError, expectedVersion: 0, actualVersion: 1 } });
    expectStoredAlongside(t, outcomes);
    t.equal((await store.readStream(busy!)).length, 1, 'the conflict wrote nothing');
    for (const [index, stream] of others.entries()) t.same(idsOf(await store.readStream(stream)), idsOf(batches[index]!));
  });

  t.test('among concurrent appends, an id stored in another stream fails alone', context.acrossStreams, async (t) => {
    const store = await context.open(t);
    const [taken, ...others] = Array.from({ length: 5 }, () => newStream());
    const stored = newEvent();
    await store.append(taken!, [stored], { expectedVersion: 0 });
    const batches = others.map(() => [newEvent(), newEvent()]);
    const [duplicate, ...outcomes] = await Promise.allSettled([
      store.append(newStream(), [newEvent(), stored], { expectedVersion: 0 }),
      ...others.map((stream, index) => store.append(stream, batches[index]!, { expectedVersion: 0 })),
    ]);
    t.match(duplicate, { status: 'rejected', reason: { constructor: DuplicateEventIdError, eventId: stored.id } });
    expectStoredAlongside(t, outcomes);
    for (const [index, stream] of others.entries()) t.same(idsOf(await store.readStream(stream)), idsOf(batches[index]!));
  });

  t.test('re-appending a stored batch answers its original result and writes nothing', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const head = await store.headCheckpoint();
    const batch = [newEvent(), newEvent()];
    const original = await store.append(stream, batch, { expectedVersion: 0 });
    // a later append moves the stream on: the retry must still answer the batch's own result
    await store.append(stream, [newEvent()], { expectedVersion: 2 });
    for (const expectedVersion of [0, 2, 3, 7]) {
      t.same(await store.append(stream, batch, { expectedVersion }), original, `retried with expectedVersion ${expectedVersion}`);
    }
    t.equal((await store.readStream(stream)).length, 3, 'nothing duplicated in the stream');
    const all = await store.readAll(head === undefined ? {} : { after: head });
    t.equal(all.filter((event) => event.stream === stream).length, 3, 'nothing duplicated in the global order');
  });

  t.test('ids stored otherwise than as this batch are a DuplicateEventIdError', async (t) => {
    const store = await context.open(t);
    const stream = newStream();
    const [a, b] = [newEvent(), newEvent()];
    await store.append(stream, [a, b], { expectedVersion: 0 });
    const cases: [string, string, readonly NewEvent[], number][] = [
      ['a new event before a stored one', stream, [newEvent(), a], 2],
      ['a stored batch plus a new event', stream, [a, b, newEvent()], 2],
      ['a stored batch reordered', stream, [b, a], 2],
    ];
    for (const [what, target, events, expectedVersion] of cases) {
      await rejectsWith(t, store.append(target, events, { expectedVersion }), DuplicateEventIdError, { stream: target });
      t.pass(`refused: ${what}`);
    }
    t.same(idsOf(await store.readStream(stream)), idsOf([a, b]), 'the stream is unchanged');
  });

  t.test('a stored batch sent to another stream is a DuplicateEventIdError', context.acrossStreams, async (t) => {
    const store = await context.open(t);
    const [stream, other] = [newStream(), newStream()];
    const batch = [newEvent(), newEvent()];
    await store.append(stream, batch, { expectedVersion: 0 });
    await rejectsWith(t, store.append(other, batch, { expectedVersion: 0 }), DuplicateEventIdError, { stream: other });
    t.same(await store.readStream(other), [], 'the other stream was not created');
  });
}

/** The appends that raced a failing one were all stored, each a new stream of two events. */
function expectStoredAlongside(t: Test, outcomes: readonly PromiseSettledResult<AppendResult>[]): void {
  t.ok(
    outcomes.every((outcome) => outcome.status === 'fulfilled' && outcome.value.version === 2),
    'the others are stored',
  );
}
