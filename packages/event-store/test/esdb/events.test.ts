import t from 'tap';
import { excludeSystemEvents } from '@eventstore/db-client';
import { InvalidAppendError } from '../../src/errors.ts';
import { fromStoredMetadata, isSystemEventType, toEventData, toRecordedEvent } from '../../src/esdb/events.ts';
import type { NewEvent } from '../../src/port.ts';
import { newEvent } from '../contract/helpers.ts';
import { resolvedEvent } from './support/messages.ts';

const created = Date.parse('2025-11-26T08:20:00.123Z');

/** An event through the adapter, the client's serialisation and decoding, and back. */
function roundTrip(event: NewEvent, revision = 0n, position = { commit: 4096n, prepare: 4096n }) {
  const stored = toEventData('meeting-7', event);
  return toRecordedEvent(resolvedEvent({ stream: 'meeting-7', revision, position, createdMs: created, event: stored }));
}

t.test('an event survives the round trip through the client’s encoding and decoding', async (t) => {
  const event = newEvent({ title: 'Plenary', sessions: [{ start: '2025-11-26T09:20' }], nothing: null }, 'MeetingCreated');
  const recorded = roundTrip(event, 2n, { commit: 8192n, prepare: 8300n });
  t.same(recorded, {
    ...event,
    stream: 'meeting-7',
    version: 3,
    position: '8192/8300',
    recordedAt: '2025-11-26T08:20:00.123Z',
  });
});

t.test('JSON values other than objects survive too, as in the SQLite adapter', async (t) => {
  for (const data of [null, 42, 'text', [1, 'two'], true, { nul: 'a\u0000b', emoji: '🗓️' }]) {
    t.same(roundTrip(newEvent(data)).data, data, JSON.stringify(data));
  }
});

t.test('metadata is stored as JSON with the $correlationId and $causationId ESDB projections read', async (t) => {
  const event = {
    ...newEvent(),
    metadata: { actor: 'org-1', correlationId: 'c-1', causationId: 'e-0', occurredAt: '2025-11-26T08:20:00.000Z' },
  };
  const data = toEventData('meeting-7', event);
  t.equal(data.contentType, 'application/json');
  t.equal(data.id, event.id, 'the writer’s id, so a retried append is recognised');
  t.same(data.metadata, { ...event.metadata, $correlationId: 'c-1', $causationId: 'e-0' });
  t.same(roundTrip(event).metadata, event.metadata, 'and dropped again on the way back');
  const noCause = { ...event, metadata: { ...event.metadata, causationId: null } };
  t.same(toEventData('meeting-7', noCause).metadata, { ...noCause.metadata, $correlationId: 'c-1' }, 'no $causationId for null');
  t.same(roundTrip(noCause).metadata, noCause.metadata);
});

t.test('another writer’s $ metadata is left as it was', async (t) => {
  t.same(fromStoredMetadata({ actor: 'x', correlationId: 'c', $correlationId: 'other' }), { actor: 'x', correlationId: 'c', $correlationId: 'other' });
  t.same(fromStoredMetadata(undefined), {}, 'no metadata');
  const bytes = new Uint8Array([1, 2, 3]);
  t.equal(fromStoredMetadata(bytes), bytes as unknown, 'binary metadata is handed on');
});

t.test('data or metadata that JSON cannot carry is refused before anything is sent', async (t) => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const cases: [string, NewEvent][] = [
    ['undefined data', { ...newEvent(), data: undefined }],
    ['a bigint', { ...newEvent(), data: { n: 1n } }],
    ['a cycle', { ...newEvent(), data: cyclic }],
    ['a function', { ...newEvent(), data: () => 1 }],
    ['metadata with a bigint', { ...newEvent(), metadata: { ...newEvent().metadata, actor: 1n as unknown as string } }],
  ];
  for (const [what, event] of cases) {
    t.throws(() => toEventData('meeting-7', event), InvalidAppendError, what);
  }
});

t.test('the system-event rule is the one of the server-side filter', async (t) => {
  const filter = excludeSystemEvents();
  t.equal(filter.filterOn, 'eventType', 'the client filters on the event type');
  t.equal(filter.regex, '^[^$].*');
  const regex = new RegExp(filter.regex);
  for (const type of ['$metadata', '$>', '$@', '$ProjectionCreated', '$statsCollected', '$SubscriptionCheckpoint', 'MeetingCreated', 'SessionAdded', 'x$', '']) {
    t.equal(isSystemEventType(type), !regex.test(type), `${JSON.stringify(type)}: ${isSystemEventType(type) ? 'system' : 'ours'}`);
  }
});

t.test('an event without its $all position is refused loudly (a server older than 22.6)', async (t) => {
  const resolved = resolvedEvent({ stream: 's', revision: 0n, position: { commit: 1n, prepare: 1n }, createdMs: created, event: toEventData('s', newEvent()) });
  const { position: _, ...withoutPosition } = resolved.event!;
  t.throws(() => toRecordedEvent({ event: withoutPosition as typeof resolved.event }), /without its \$all position/);
  t.throws(() => toRecordedEvent({}), /without its event/);
});
