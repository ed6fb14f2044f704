import t from 'tap';
import { openTestTables } from './support/tables.ts';

t.test('a delivery that fails after its subscriber was erased leaves no error behind', async (t) => {
  const { tables } = openTestTables(t);
  const address = 'late-failure@example.org';
  tables.contacts.add({ subscriptionId: 's-1', address, url: null, secrets: [] }, '2031-01-01T00:00:00Z');
  const message = { channel: 'email', subject: 'Agenda', text: 'Changed', html: '<p>Changed</p>', listUnsubscribe: null, icalEvent: null } as const;
  tables.outbox.enqueue({ id: 'n-1', subscriptionId: 's-1', meetingId: 'm-1', kind: 'agenda.released', message, createdAt: '2031-01-01T00:00:00Z', nextAttemptAt: 0 });
  t.equal(tables.outbox.recordAndLease([], 1, 10, 60_000).length, 1, 'being sent');

  tables.contacts.erase('s-1');
  tables.outbox.recordAndLease([{ id: 'n-1', status: 'failed', error: `SMTP 550 <${address}>: no such user` }], 2, 0, 60_000);

  t.match(tables.outbox.get('n-1'), { status: 'cancelled', lastError: null, message: { channel: 'email', erased: true } });
});
