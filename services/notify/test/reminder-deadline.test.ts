import t, { type Test } from 'tap';
import { Temporal } from '@meridian/domain';
import { ReminderScheduler } from '../src/reminder-scheduler.ts';
import { DeliveryWorker } from '../src/delivery-worker.ts';
import type { DeliveryResult } from '../src/channels/delivery-result.ts';
import { TestClock } from './support/system.ts';
import { composer, givenReminderPlannedFromRev1, GRACE_MS, subscriber } from './support/reminders.ts';
import { firstRelease, stateOf } from '../../../packages/notices/test/given.ts';
import { planReminders } from '../src/reminder-plan.ts';
import { loggerKeepingErrors } from './support/logs.ts';
import { waitUntil } from './support/receivers.ts';

/** A reminder enqueued at its due time, and a worker (not started) whose webhook channel answers `answer` and counts its sends. */
const givenReminderEnqueued = async (t: Test, answer: DeliveryResult, who = subscriber) => {
  const given = givenReminderPlannedFromRev1(t, firstRelease(), who);
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

// Session s2 starts 2025-11-26T15:00 in Geneva (14:00Z); a 5-minute reminder of it is due at 13:55Z,
// and the grace window (10 minutes) would last until after the start.
const S2_START = Temporal.Instant.from('2025-11-26T14:00:00Z');
const fiveMinutesBefore = { ...subscriber, reminders: [5] };

t.test('a subscription made once a session has begun plans no reminder of it, however short the grace window says', async (t) => {
  const planned = (at: Temporal.Instant) => planReminders(fiveMinutesBefore, stateOf(firstRelease()), at.epochMilliseconds, GRACE_MS);
  t.equal(planned(S2_START.subtract({ minutes: 1 })).length, 1, 'a minute before the start, four minutes late: planned');
  t.same(planned(S2_START), [], 'at the start: not planned');
});

t.test('a reminder not enqueued before its session began is missed, though within its grace window', async (t) => {
  const given = givenReminderPlannedFromRev1(t, firstRelease(), fiveMinutesBefore);
  const clock = new TestClock(S2_START);
  const scheduler = new ReminderScheduler({ db: given.db, tables: given.tables, meetings: given.meetings, composer, clock, log: loggerKeepingErrors().log, graceMs: GRACE_MS });
  t.equal(await scheduler.runDue(), 0, 'not enqueued');
  t.equal(given.tables.outbox.get(given.planned.id), undefined);
  t.same(given.db.prepare('SELECT status FROM reminders WHERE id = ?').get(given.planned.id), { status: 'missed' });
});

t.test('a reminder failing is retried until its session begins, then missed', async (t) => {
  const { clock, worker, sent, row, planned } = await givenReminderEnqueued(t, { outcome: 'retry', reason: 'HTTP 503' }, fiveMinutesBefore);
  worker.start();
  await waitUntil(() => (row().attempts === 1 ? true : undefined), 10_000, 'the first attempt');
  clock.instant = S2_START; // the retry (a minute later) falls due, at the start or past it
  t.equal(await waitUntil(() => (row().status === 'pending' ? undefined : row().status), 10_000, 'the reminder settled'), 'missed');
  t.same(sent, [planned.id], 'no attempt once the session has begun');
});
