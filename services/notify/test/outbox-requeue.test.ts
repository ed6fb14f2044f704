import t, { type Test } from 'tap';
import { openTestTables } from './support/tables.ts';

const message = { channel: 'webhook', type: 'session.added', timestamp: '2031-01-01T00:00:00Z', data: {} } as const;
const LEASE_MS = 15_000;

const givenOneNotification = (t: Test) => {
  const { tables } = openTestTables(t);
  tables.outbox.enqueue({ id: 'n-1', subscriptionId: 's-1', meetingId: 'm-1', kind: 'session.added', message, createdAt: '2031-01-01T00:00:00.000Z', nextAttemptAt: 0 });
  return tables;
};

t.test('retrying a notification being sent does not send it a second time', async (t) => {
  const tables = givenOneNotification(t);
  t.equal(tables.outbox.recordAndLease([], 1, 10, LEASE_MS).length, 1, 'leased: being sent');
  t.equal(tables.outbox.requeue('n-1', 2), false, 'a pending notification is in line already');
  t.same(tables.outbox.recordAndLease([], 3, 10, LEASE_MS), [], 'its lease holds: no second worker turn takes it');
  t.match(tables.outbox.get('n-1'), { status: 'pending', attempts: 0 });
});

t.test('a failed, cancelled or delivered notification is put back in line, attempts reset', async (t) => {
  for (const status of ['failed', 'cancelled', 'delivered'] as const) {
    const tables = givenOneNotification(t);
    tables.outbox.recordAndLease([], 1, 10, LEASE_MS);
    tables.outbox.recordAndLease([{ id: 'n-1', status: 'retry', nextAttemptAt: 2, error: 'HTTP 503' }], 2, 0, LEASE_MS);
    if (status === 'delivered') tables.outbox.recordAndLease([{ id: 'n-1', status, at: '2031-01-01T00:00:01.000Z' }], 3, 0, LEASE_MS);
    else if (status === 'failed') tables.outbox.recordAndLease([{ id: 'n-1', status, error: 'HTTP 400' }], 3, 0, LEASE_MS);
    else tables.contacts.erase('s-1');
    t.equal(tables.outbox.get('n-1')!.status, status, `given one ${status}`);
    t.equal(tables.outbox.requeue('n-1', 4), true, `${status}: put back in line`);
    t.match(tables.outbox.get('n-1'), { status: 'pending', attempts: 0, lastError: null, nextAttemptAt: 4 });
    t.equal(tables.outbox.recordAndLease([], 4, 10, LEASE_MS).length, 1, `${status}: sent again`);
  }
});

t.test('a failed or delivered notification replayed starts again: attempts reset, as a retried one', async (t) => {
  for (const status of ['failed', 'delivered'] as const) {
    const tables = givenOneNotification(t);
    tables.outbox.recordAndLease([], 1, 10, LEASE_MS);
    tables.outbox.recordAndLease([{ id: 'n-1', status: 'retry', nextAttemptAt: 2, error: 'HTTP 503' }], 2, 10, LEASE_MS);
    if (status === 'delivered') tables.outbox.recordAndLease([{ id: 'n-1', status, at: '2031-01-01T00:00:01.000Z' }], 3, 0, LEASE_MS);
    else tables.outbox.recordAndLease([{ id: 'n-1', status, error: 'HTTP 400' }], 3, 0, LEASE_MS);
    t.equal(tables.outbox.replaySince('s-1', '2031-01-01T00:00:00.000Z', 4), 1, `${status}: replayed`);
    // A parked one kept its attempts would be parked again at its next failure, without its retries.
    t.match(tables.outbox.get('n-1'), { status: 'pending', attempts: 0, lastError: null, nextAttemptAt: 4 });
  }
});

t.test('a reminder asked for again is sent however late: its deadline no longer marks it missed', async (t) => {
  const reminder = { ...message, type: 'reminder.due' } as const;
  const DEADLINE = 10;
  for (const ask of ['retry', 'replay'] as const) {
    const { tables } = openTestTables(t);
    tables.outbox.enqueue({ id: 'r-1', subscriptionId: 's-1', meetingId: 'm-1', kind: 'reminder.due', message: reminder, createdAt: '2031-01-01T00:00:00.000Z', nextAttemptAt: 0, expiresAt: DEADLINE });
    tables.outbox.recordAndLease([], 1, 10, LEASE_MS);
    tables.outbox.recordAndLease([{ id: 'r-1', status: 'delivered', at: '2031-01-01T00:00:01.000Z' }], 2, 0, LEASE_MS);
    const later = DEADLINE + 3_600_000;
    if (ask === 'retry') t.equal(tables.outbox.requeue('r-1', later), true, 'retried');
    else t.equal(tables.outbox.replaySince('s-1', '2031-01-01T00:00:00.000Z', later), 1, 'replayed');
    t.equal(tables.outbox.recordAndLease([], later, 10, LEASE_MS).length, 1, `${ask}: sent again an hour past its deadline`);
    tables.outbox.recordAndLease([{ id: 'r-1', status: 'delivered', at: '2031-01-01T01:00:00.000Z' }], later + 1, 0, LEASE_MS);
    t.equal(tables.outbox.get('r-1')!.status, 'delivered', `${ask}: recorded delivered, not missed`);
  }
});
