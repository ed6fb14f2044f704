import t from 'tap';
import { Temporal } from '@meridian/domain';
import { CreationOrder, type CreationPosition } from '../src/read-model/creation-order.ts';

// The order the list promises, computed the slow, obvious way: instants parsed, then ids.
const expectedOrder = (meetings: readonly CreationPosition[]): string[] =>
  [...meetings]
    .sort((a, b) => Temporal.Instant.compare(Temporal.Instant.from(a.createdAt), Temporal.Instant.from(b.createdAt)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((meeting) => meeting.id);

const MEETINGS: readonly CreationPosition[] = [
  { createdAt: '2025-11-01T08:00:00.5Z', id: 'half-past' },
  { createdAt: '2025-11-01T08:00:00Z', id: 'on-the-second' },
  { createdAt: '2025-11-01T08:00:00Z', id: 'another-on-the-second' },
  { createdAt: '2025-11-01T08:00:00.123456789Z', id: 'nanoseconds' },
  { createdAt: '2025-10-31T23:59:59.999Z', id: 'the-day-before' },
  { createdAt: '2026-01-01T00:00:00Z', id: 'next-year' },
  { createdAt: '2025-11-01T08:00:00.05Z', id: 'a-twentieth' },
];

t.test('meetings come out by creation instant (fractions as instants, not as text), then id, whatever order they arrive in', async (t) => {
  for (const arrival of [MEETINGS, [...MEETINGS].reverse(), [...MEETINGS].sort((a, b) => (a.id < b.id ? -1 : 1))]) {
    const order = new CreationOrder();
    for (const meeting of arrival) order.add(meeting);
    t.same([...order.after(null)], expectedOrder(MEETINGS));
  }
});

t.test('after a position: the meetings strictly after it, also when no meeting is there (a cursor of one since hidden)', async (t) => {
  const order = new CreationOrder();
  for (const meeting of MEETINGS) order.add(meeting);
  const all = expectedOrder(MEETINGS);
  for (const [index, id] of all.entries()) {
    t.same([...order.after(MEETINGS.find((meeting) => meeting.id === id)!)], all.slice(index + 1), `after ${id}`);
  }
  t.same([...order.after({ createdAt: '2025-11-01T08:00:00.2Z', id: 'gone' })], ['half-past', 'next-year']);
  t.same([...order.after({ createdAt: '2027-01-01T00:00:00Z', id: 'gone' })], []);
});
