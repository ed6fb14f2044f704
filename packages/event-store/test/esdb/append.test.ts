import t from 'tap';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../../src/errors.ts';
import { findStoredBatch, settleAgainstStored } from '../../src/esdb/append.ts';
import type { NewEvent, RecordedEvent } from '../../src/port.ts';
import { newEvent } from '../contract/helpers.ts';

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
