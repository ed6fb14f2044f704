import * as esdb from '@eventstore/db-client';
import type { AppendExpectedRevision, EventData, EventStoreDBClient, ReadStreamOptions } from '@eventstore/db-client';
import t from 'tap';
import { DuplicateEventIdError, StoreUnavailableError, StreamDeletedError, WrongExpectedVersionError } from '../../src/errors.ts';
import { appendToEsdb, findStoredBatch, settleAgainstStored } from '../../src/esdb/append.ts';
import type { EsdbConnected } from '../../src/esdb/client.ts';
import type { NewEvent, RecordedEvent } from '../../src/port.ts';
import { newEvent, rejectionOf, rejectsWith } from '../contract/helpers.ts';
import { resolvedEvent, type StoredOnServer } from './support/messages.ts';

/** The stream `meeting-1` as a read gives it: versions 1…n, positions 100, 200, … */
const storedAs = (events: readonly NewEvent[]): RecordedEvent[] =>
  events.map((event, index) => ({
    ...event,
    stream: 'meeting-1',
    version: index + 1,
    position: `${(index + 1) * 100}/${(index + 1) * 100}`,
    recordedAt: '2025-11-26T08:20:00.000Z',
  }));

const [a, b, c] = [newEvent(), newEvent(), newEvent()];
const stored = storedAs([a, b, c]);

t.test('a batch stored as it is answers its original result, whatever version the retry names', async (t) => {
  t.same(findStoredBatch('meeting-1', stored, [a, b]), { version: 2, position: '200/200' });
  t.same(findStoredBatch('meeting-1', stored, [c]), { version: 3, position: '300/300' });
  for (const expectedVersion of [0, 1, 2, 3, 7]) {
    t.same(settleAgainstStored('meeting-1', stored, [a, b], expectedVersion), { version: 2, position: '200/200' }, `expectedVersion ${expectedVersion}`);
  }
});

t.test('a stored id otherwise than as this batch is a DuplicateEventIdError', async (t) => {
  const cases: [string, NewEvent[], string][] = [
    ['a new event before a stored one', [newEvent(), a], a.id],
    ['a stored batch plus a new event', [a, b, newEvent()], a.id],
    ['a stored batch reordered', [b, a], b.id],
    ['a stored batch with a gap', [a, c], a.id],
  ];
  for (const [what, events, id] of cases) {
    const error = t.throws(() => settleAgainstStored('meeting-1', stored, events, 3), DuplicateEventIdError, what);
    t.match(error, { stream: 'meeting-1', eventId: id });
  }
});

t.test('new events at another version than the stream’s are a conflict naming the actual version', async (t) => {
  for (const expectedVersion of [0, 1, 2, 4, 10]) {
    const error = t.throws(() => settleAgainstStored('meeting-1', stored, [newEvent()], expectedVersion), WrongExpectedVersionError);
    t.match(error, { stream: 'meeting-1', expectedVersion, actualVersion: 3 });
  }
  t.match(t.throws(() => settleAgainstStored('meeting-2', [], [newEvent()], 1)), { actualVersion: 0 }, 'no stream is version 0');
});

t.test('new events at the stream’s version are to be appended', async (t) => {
  t.equal(settleAgainstStored('meeting-1', stored, [newEvent(), newEvent()], 3), undefined);
  t.equal(settleAgainstStored('meeting-2', [], [newEvent()], 0), undefined, 'a new stream');
  t.equal(findStoredBatch('meeting-1', stored, [newEvent()]), undefined);
});

/** Where the cluster stops answering during an append. */
type Unavailable = 'at-the-first-read' | 'at-the-append, before storing' | 'at-the-append, after storing' | 'at-the-read-back' | 'acknowledged, not read back';

/**
 * A client holding one stream in memory that records the options of each read; reads answer the
 * client's own decoded events. `raceOnce` lets another writer's event in just before the first
 * append, which the client then refuses as the server would.
 */
function recordingClient(options: { raceOnce?: EventData; deleted?: 'before-the-read' | 'before-the-append'; unavailable?: Unavailable } = {}) {
  const stored: StoredOnServer[] = [];
  const reads: ReadStreamOptions[] = [];
  let race = options.raceOnce;
  const store = (stream: string, event: EventData) => {
    const n = BigInt(stored.length + 1);
    stored.push({ stream, revision: n - 1n, position: { commit: n * 100n, prepare: n * 100n }, createdMs: 0, event });
  };
  const client = {
    async *readStream(_stream: string, readOptions: ReadStreamOptions) {
      reads.push(readOptions);
      if (options.deleted === 'before-the-read') throw new esdb.StreamDeletedError(undefined, _stream);
      if (options.unavailable === (reads.length === 1 ? 'at-the-first-read' : 'at-the-read-back')) throw new esdb.UnavailableError();
      const from = Number(readOptions.fromRevision ?? 0n);
      yield* stored.slice(from, from + (readOptions.maxCount === undefined ? stored.length : Number(readOptions.maxCount))).map(resolvedEvent);
    },
    async appendToStream(stream: string, events: EventData[], appendOptions: { expectedRevision: AppendExpectedRevision }) {
      if (options.deleted === 'before-the-append') throw new esdb.StreamDeletedError(undefined, stream);
      if (options.unavailable === 'at-the-append, before storing') throw new esdb.DeadlineExceededError();
      if (race) {
        store(stream, race);
        race = undefined;
        throw new esdb.WrongExpectedVersionError(undefined, { streamName: stream, expected: appendOptions.expectedRevision, current: 0n });
      }
      // A leader that acknowledges, then loses its leadership before the read back sees the events.
      if (options.unavailable !== 'acknowledged, not read back') for (const event of events) store(stream, event);
      if (options.unavailable === 'at-the-append, after storing') throw new esdb.DeadlineExceededError();
      return { success: true };
    },
  };
  const connected: EsdbConnected = { esdb, client: client as unknown as EventStoreDBClient };
  return { connected, reads };
}

t.test('every read of an append is made on the leader, which has what was just appended', async (t) => {
  const { connected, reads } = recordingClient();
  const result = await appendToEsdb(connected, 'meeting-1', [newEvent(), newEvent()], 0);
  t.same(result, { version: 2, position: '200/200' });
  t.equal(reads.length, 2, 'read before, read back after');
  t.ok(reads.every((read) => read.requiresLeader === true), 'both on the leader');
});

t.test('the read that settles a conflict is made on the leader too', async (t) => {
  const other = esdb.jsonEvent({ id: newEvent().id, type: 'ContractChecked', data: {} });
  const { connected, reads } = recordingClient({ raceOnce: other });
  await rejectsWith(t, appendToEsdb(connected, 'meeting-1', [newEvent()], 0), WrongExpectedVersionError, { actualVersion: 1 });
  t.equal(reads.length, 2, 'read before, read again after the refusal');
  t.ok(reads.every((read) => read.requiresLeader === true), 'both on the leader');
});

t.test('an append to a stream an operator deleted is refused with the port\'s StreamDeletedError', async (t) => {
  for (const deleted of ['before-the-read', 'before-the-append'] as const) {
    const { connected } = recordingClient({ deleted });
    const refusal = await rejectionOf(t, appendToEsdb(connected, 'meeting-1', [newEvent()], 0));
    t.type(refusal, StreamDeletedError, `deleted ${deleted}`);
    t.match(refusal, { stream: 'meeting-1', code: 'STREAM_DELETED' });
    t.ok((refusal as Error).cause instanceof esdb.StreamDeletedError, 'the client\'s error as its cause');
  }
});

t.test('a cluster that stops answering is StoreUnavailableError, which says whether the batch may be stored', async (t) => {
  const cases: [Unavailable, boolean][] = [
    ['at-the-first-read', false],
    ['at-the-append, before storing', true],
    ['at-the-append, after storing', true],
    ['at-the-read-back', true],
    ['acknowledged, not read back', true],
  ];
  for (const [unavailable, mayHaveWritten] of cases) {
    const { connected } = recordingClient({ unavailable });
    await rejectsWith(t, appendToEsdb(connected, 'meeting-1', [newEvent()], 0), StoreUnavailableError, { code: 'STORE_UNAVAILABLE', mayHaveWritten });
  }
});
