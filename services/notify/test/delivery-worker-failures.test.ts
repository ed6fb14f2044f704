import t from 'tap';
import { DeliveryWorker } from '../src/delivery-worker.ts';
import type { DeliveryResult } from '../src/channels/delivery-result.ts';
import { openTestTables } from './support/tables.ts';
import { loggerKeepingErrors } from './support/logs.ts';
import { waitUntil } from './support/receivers.ts';
import { TestClock } from './support/system.ts';

const message = { channel: 'webhook', type: 'session.added', timestamp: '2031-01-01T00:00:00Z', data: {} } as const;

t.test('a database error while renewing leases is logged, and the leases are renewed at the next turn', async (t) => {
  const { tables } = openTestTables(t);
  tables.contacts.add({ subscriptionId: 's-1', address: null, url: 'https://hooks.example.org/in', secrets: [] }, '2031-01-01T00:00:00.000Z');
  tables.outbox.enqueue({ id: 'n-1', subscriptionId: 's-1', meetingId: 'm-1', kind: 'session.added', message, createdAt: '2031-01-01T00:00:00.000Z', nextAttemptAt: 0 });
  let renewals = 0;
  const outbox = {
    ...tables.outbox,
    renewLeases: (ids: readonly string[], until: number) => {
      if (renewals++ === 0) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      tables.outbox.renewLeases(ids, until);
    },
  };
  // The delivery in flight until the test ends it: its lease is what is renewed meanwhile.
  let answer: ((result: DeliveryResult) => void) | undefined;
  const { log, errors } = loggerKeepingErrors();
  const worker = new DeliveryWorker({
    tables: { ...tables, outbox },
    clock: new TestClock(),
    log,
    idlePollMs: 5,
    leaseMs: 30,
    onGone: async () => undefined,
    channels: { email: null, webhook: { send: () => new Promise((resolve) => (answer = resolve)) } },
  });
  worker.start();
  await waitUntil(() => (renewals > 1 && answer !== undefined ? true : undefined), 10_000, 'a renewal after the failing one, the delivery in flight');
  t.match(errors, [{ fields: { err: { code: 'SQLITE_BUSY' } }, message: /renewing delivery leases failed/ }], 'the failure is logged, the process goes on');
  answer!({ outcome: 'delivered' });
  await worker.stop();
  t.equal(tables.outbox.get('n-1')!.status, 'delivered');
});

t.test('a notification whose subscriber was erased meanwhile is cancelled, not parked for an organiser', async (t) => {
  const { tables } = openTestTables(t);
  // Enqueued after the erasure had cancelled the subscription's notifications (a reminder prepared across it).
  tables.outbox.enqueue({ id: 'n-2', subscriptionId: 'erased', meetingId: 'm-1', kind: 'reminder.due', message, createdAt: '2031-01-01T00:00:00.000Z', nextAttemptAt: 0 });
  let sent = 0;
  const worker = new DeliveryWorker({
    tables,
    clock: new TestClock(),
    log: loggerKeepingErrors().log,
    idlePollMs: 5,
    onGone: async () => undefined,
    channels: {
      email: null,
      webhook: {
        send: async () => {
          sent += 1;
          return { outcome: 'delivered' };
        },
      },
    },
  });
  worker.start();
  await waitUntil(() => (tables.outbox.get('n-2')!.status !== 'pending' ? true : undefined), 10_000, 'the notification settled');
  await worker.stop();
  t.match(tables.outbox.get('n-2'), { status: 'cancelled', lastError: null });
  t.equal(sent, 0, 'nothing sent');
  t.same(tables.outbox.counts().failed ?? 0, 0, 'nothing for GET /deliveries?status=failed');
});
