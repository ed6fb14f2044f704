import t from 'tap';
import { Temporal, type ExistingMeeting, type MeetingEvent } from '@meridian/domain';
import { firstRelease, released, rescheduled, SECOND_RELEASE_AT } from '../../../packages/notices/test/given.ts';
import { ReminderScheduler, type ReminderSchedulerOptions } from '../src/reminder-scheduler.ts';
import { planReminders } from '../src/reminder-plan.ts';
import { missingReleaseReminders, retimeReleaseReminders } from '../src/release-reminders.ts';
import type { NotifyTables } from '../src/db/tables.ts';
import { TestClock } from './support/system.ts';
import { composer, givenReminderPlannedFromRev1, GRACE_MS, subscriber } from './support/reminders.ts';
import { loggerKeepingErrors } from './support/logs.ts';
import { waitUntil } from './support/receivers.ts';

const cancelledS2 = (): MeetingEvent[] => released([...firstRelease(), { type: 'SessionCancelled', data: { sessionId: 's2', reason: null } }], SECOND_RELEASE_AT);
const movedS2 = (): MeetingEvent[] => released([...firstRelease(), rescheduled('s2', '2025-11-26T17:00', '2025-11-26T18:00')], SECOND_RELEASE_AT);

const schedulerOf = (given: ReturnType<typeof givenReminderPlannedFromRev1>, clock: TestClock, overrides: Partial<ReminderSchedulerOptions> = {}) =>
  new ReminderScheduler({ db: given.db, tables: given.tables, meetings: given.meetings, composer, clock, log: loggerKeepingErrors().log, graceMs: GRACE_MS, maxSleepMs: 5, ...overrides });

/** What the reactor does when it catches up on the latest release: re-time what moved, add what is missing. */
const reactorReplans = (tables: NotifyTables, meeting: ExistingMeeting, nowMs: number) => {
  const options = { meeting, release: meeting.releases.at(-1)!, nowMs, graceMs: GRACE_MS };
  while (retimeReleaseReminders(tables.reminders, options, 4096) === 4096);
  tables.reminders.add(missingReleaseReminders(tables.reminders, options)(subscriber));
};

const outboxOf = (given: ReturnType<typeof givenReminderPlannedFromRev1>) => given.db.prepare('SELECT id, kind FROM outbox').all() as { id: string; kind: string }[];

t.test('a reminder of a session the latest release cancelled is not sent while the reactor is behind, nor looked at again', async (t) => {
  const given = givenReminderPlannedFromRev1(t, cancelledS2());
  const scheduler = schedulerOf(given, new TestClock(Temporal.Instant.fromEpochMilliseconds(given.planned.dueAt)));
  t.equal(await scheduler.runDue(), 0, 'nothing enqueued at its due time');
  t.same(outboxOf(given), []);
  t.equal(given.tables.reminders.nextDueAt(), null, 'marked: the scheduler does not wake for it again and again');
});

t.test('a reminder of a session the latest release moved is not sent at the old time; after the re-plan, once at the new one', async (t) => {
  const given = givenReminderPlannedFromRev1(t, movedS2());
  const clock = new TestClock(Temporal.Instant.fromEpochMilliseconds(given.planned.dueAt));
  const scheduler = schedulerOf(given, clock);
  t.equal(await scheduler.runDue(), 0, 'nothing enqueued at the time planned from Rev.1');

  reactorReplans(given.tables, given.meeting, clock.now().epochMilliseconds);
  const [wanted] = planReminders(subscriber, given.meeting, clock.now().epochMilliseconds, GRACE_MS);
  t.equal(given.tables.reminders.nextDueAt(), wanted!.dueAt, 'the reactor planned it at the new time');
  clock.instant = Temporal.Instant.fromEpochMilliseconds(wanted!.dueAt);
  t.equal(await scheduler.runDue(), 1, 'enqueued at the new time');
  t.equal(await scheduler.runDue(), 0, 'and only once');
  t.same(outboxOf(given), [{ id: wanted!.id, kind: 'reminder.due' }]);
});

t.test('a reminder whose session is where it was planned is sent', async (t) => {
  const given = givenReminderPlannedFromRev1(t);
  const scheduler = schedulerOf(given, new TestClock(Temporal.Instant.fromEpochMilliseconds(given.planned.dueAt)));
  t.equal(await scheduler.runDue(), 1);
  t.same(outboxOf(given), [{ id: given.planned.id, kind: 'reminder.due' }]);
});

t.test('a database error while the scheduler looks for its next timer is logged, and the scheduler goes on', async (t) => {
  const given = givenReminderPlannedFromRev1(t);
  const clock = new TestClock(Temporal.Instant.fromEpochMilliseconds(given.planned.dueAt).subtract({ minutes: 1 }));
  let failures = 0;
  const reminders = {
    ...given.tables.reminders,
    nextDueAt: () => {
      if (failures++ === 0) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return given.tables.reminders.nextDueAt();
    },
  };
  const { log, errors } = loggerKeepingErrors();
  const scheduler = schedulerOf(given, clock, { tables: { ...given.tables, reminders }, log });
  scheduler.start();
  t.teardown(() => scheduler.stop());
  await waitUntil(() => (failures > 1 ? true : undefined), 10_000, 'the scheduler looked again after the failure');
  t.match(errors, [{ fields: { err: { code: 'SQLITE_BUSY' } }, message: /reminder run failed/ }], 'the failure is logged');

  clock.advance({ minutes: 1 });
  await waitUntil(() => (outboxOf(given).length > 0 ? true : undefined), 10_000, 'the reminder enqueued when due');
  t.same(outboxOf(given), [{ id: given.planned.id, kind: 'reminder.due' }]);
});
