import t, { type Test } from 'tap';
import { Temporal } from '@meridian/domain';
import { ReminderScheduler } from '../src/reminder-scheduler.ts';
import { DeliveryWorker } from '../src/delivery-worker.ts';
import type { DeliveryResult } from '../src/channels/delivery-result.ts';
import { TestClock } from './support/system.ts';
import { composer, givenReminderPlannedFromRev1, GRACE_MS } from './support/reminders.ts';
import { loggerKeepingErrors } from './support/logs.ts';
import { waitUntil } from './support/receivers.ts';

/** A reminder enqueued at its due time, and a worker (not started) whose webhook channel answers `answer` and counts its sends. */
const givenReminderEnqueued = async (t: Test, answer: DeliveryResult) => {
  const given = givenReminderPlannedFromRev1(t);
  const clock = new TestClock(Temporal.Instant.fromEpochMilliseconds(given.planned.dueAt));
  const scheduler = new ReminderScheduler({ db: given.db, tables: given.tables, meetings: given.meetings, composer, clock, log: loggerKeepingErrors().log, graceMs: GRACE_MS });
  t.equal(await scheduler.runDue(), 1, 'enqueued at its due time');
  const sent: string[] = [];
  const worker = new DeliveryWorker({
    tables: given.tables,
    clock,
    log: loggerKeepingErrors().log,
    idlePollMs: 5,
    backoff: { baseMs: 60_000, maxMs: 60_000 },
    random: () => 0.5,
    onGone: async () => undefined,
    channels: {
      email: null,
      webhook: {
        send: async (_target, message) => {
          sent.push(message.id);
          return answer;
        },
      },
    },
  });
  t.teardown(() => worker.stop());
  const row = () => given.tables.outbox.get(given.planned.id)!;
  return { ...given, clock, worker, sent, row };
};

t.test('a reminder enqueued before a long stop is missed at the restart, not sent hours late', async (t) => {
  const { clock, worker, sent, row } = await givenReminderEnqueued(t, { outcome: 'delivered' });
  clock.advance({ hours: 6 }); // down, and restarted
  worker.start();
  const status = await waitUntil(() => (row().status === 'pending' ? undefined : row().status), 10_000, 'the reminder settled');
  t.equal(status, 'missed', 'recorded as missed, as the reminder timers say it; not failed, nor parked');
  t.same(sent, [], 'never sent');
  t.equal(row().attempts, 0, 'no attempt made');
});

t.test('a reminder leased within its grace window is sent', async (t) => {
  const { clock, worker, sent, row, planned } = await givenReminderEnqueued(t, { outcome: 'delivered' });
  clock.advance({ milliseconds: GRACE_MS - 1 });
  worker.start();
  t.equal(await waitUntil(() => (row().status === 'pending' ? undefined : row().status), 10_000, 'the reminder settled'), 'delivered');
  t.same(sent, [planned.id]);
});

t.test('a reminder failing is retried until its deadline, then missed with its last error', async (t) => {
  const { clock, worker, sent, row, planned } = await givenReminderEnqueued(t, { outcome: 'retry', reason: 'HTTP 503' });
  worker.start();
  await waitUntil(() => (row().attempts === 1 ? true : undefined), 10_000, 'the first attempt');
  clock.advance({ milliseconds: GRACE_MS + 1 }); // the retry falls due past the deadline
  t.equal(await waitUntil(() => (row().status === 'pending' ? undefined : row().status), 10_000, 'the reminder settled'), 'missed');
  t.same(sent, [planned.id], 'no attempt after the deadline');
  t.match(row(), { attempts: 1, lastError: 'HTTP 503' });
});
