import t from 'tap';
import { Temporal, type ExistingMeeting, type MeetingEvent } from '@meridian/domain';
import { firstRelease, released, rescheduled, SECOND_RELEASE_AT, stateOf } from '../../../packages/notices/test/given.ts';
import { ReminderScheduler, type ReminderSchedulerOptions } from '../src/reminder-scheduler.ts';
import { planReminders, reminderId } from '../src/reminder-plan.ts';
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

const movedS2Back = (): MeetingEvent[] => released([...movedS2(), rescheduled('s2', '2025-11-26T15:00', '2025-11-26T16:30')], SECOND_RELEASE_AT.add({ hours: 1 }));

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

t.test('a session moved away and back while the reactor is behind is reminded of at its time', async (t) => {
  const given = givenReminderPlannedFromRev1(t, movedS2());
  const clock = new TestClock(Temporal.Instant.fromEpochMilliseconds(given.planned.dueAt));
  const scheduler = schedulerOf(given, clock);
  t.equal(await scheduler.runDue(), 0, 'not sent at its Rev.1 time while Rev.2 has moved s2');

  // Rev.3 moves s2 back before the grace window ends; the reactor catches up with both releases.
  clock.advance({ minutes: 5 });
  const movedBack = stateOf(movedS2Back());
  reactorReplans(given.tables, movedBack, clock.now().epochMilliseconds);
  const scheduled = schedulerOf({ ...given, meetings: { load: async () => movedBack } }, clock);
  t.equal(await scheduled.runDue(), 1, 'sent, five minutes late, as any reminder the grace window allows');
  t.same(outboxOf(given), [{ id: given.planned.id, kind: 'reminder.due' }], 'under the id of its Rev.1 time');
});

t.test('reminders planned under other tz rules are re-timed when the scheduler starts, and sent at the instant today\'s rules give', async (t) => {
  const given = givenReminderPlannedFromRev1(t);
  // What the table held had the rules in force when it was planned put s2 an hour later (a zone
  // that changed its rules keeps its sessions' wall times, and moves them in time).
  const dueAt = given.planned.dueAt + 3_600_000;
  const due = { epochMilliseconds: dueAt, text: Temporal.Instant.fromEpochMilliseconds(dueAt).toString() };
  given.db.prepare('UPDATE reminders SET id = ?, due_at = ?').run(reminderId(subscriber.subscriptionId, 's2', 15, due), dueAt);

  const clock = new TestClock(Temporal.Instant.fromEpochMilliseconds(given.planned.dueAt).subtract({ hours: 2 }));
  const scheduler = schedulerOf(given, clock);
  scheduler.start();
  t.teardown(() => scheduler.stop());
  await waitUntil(() => (given.tables.reminders.nextDueAt() === given.planned.dueAt ? true : undefined), 10_000, 'the reminder re-timed to today\'s rules');

  clock.instant = Temporal.Instant.fromEpochMilliseconds(given.planned.dueAt);
  await waitUntil(() => (outboxOf(given).length > 0 ? true : undefined), 10_000, 'the reminder enqueued when due');
  t.same(outboxOf(given), [{ id: given.planned.id, kind: 'reminder.due' }], 'once, under the id of its instant under today\'s rules');
});
