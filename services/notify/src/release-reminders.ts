import type Database from 'better-sqlite3';
import type { ExistingMeeting, Release } from '@meridian/domain';
import type { RemindersTable } from './db/reminders-table.ts';
import { inDerivedTransaction } from './db/notify-database.ts';
import { dueInstants, reminderDeadline, reminderId, reminderPlanner, scheduledStarts, type ReminderPlanner } from './reminder-plan.ts';
import type { NotifyTables } from './db/tables.ts';

/** What a release re-plans its reminders from. */
export interface ReleaseRemindersOptions {
  readonly meeting: ExistingMeeting;
  /** the release handled; the meeting's latest when the reactor is caught up */
  readonly release: Release;
  readonly nowMs: number;
  readonly graceMs: number;
}

/**
 * Re-plans a meeting's reminders after a release, first step: re-times up to `limit` planned
 * reminders whose session moved (each keeps its row, and gets the id and due instant of its
 * session's new start) and answers how many it re-timed or dropped (due too long ago, or already
 * recorded at that time). Run it, a transaction each, until it answers fewer than `limit`; then
 * `missingReleaseReminders`.
 *
 * @example
 * const options = { meeting, release, nowMs, graceMs: 600_000 }
 * retimeReleaseReminders(tables.reminders, options, 4096) //=> 4096: run it again, in a new transaction
 * retimeReleaseReminders(tables.reminders, options, 4096) //=> 1200: done, now `missingReleaseReminders`
 */
export const retimeReleaseReminders = (reminders: RemindersTable, options: ReleaseRemindersOptions, limit: number): number => {
  const { meeting, nowMs, graceMs } = options;
  let count = 0;
  for (const [sessionId, start] of scheduledStarts(meeting.releases.at(-1))) {
    if (count >= limit) break;
    const dueOf = dueInstants(start);
    count += reminders.retimeSession(meeting.id, sessionId, start.epochMilliseconds, limit - count, (subscriptionId, minutesBefore) => {
      const due = dueOf(minutesBefore);
      return nowMs > reminderDeadline(due.epochMilliseconds, minutesBefore, graceMs) ? null : { id: reminderId(subscriptionId, sessionId, minutesBefore, due), dueAt: due.epochMilliseconds };
    });
  }
  return count;
};

/**
 * Withdraws the reminders already in the outbox, waiting for their first attempt or a retry, whose
 * session the meeting's latest release moved or cancelled: sent, they would give the old time, or
 * remind of a session that is not held. Each is marked missed; the new time gets reminders of its
 * own when the release re-plans. Answers how many were withdrawn.
 *
 * @example
 * withdrawOffScheduleReminders(tables, { meeting, release, nowMs, graceMs: 600_000 }) //=> 1 (the 15-minute reminder of a session just moved, retrying)
 */
export const withdrawOffScheduleReminders = (tables: Pick<NotifyTables, 'reminders' | 'outbox'>, options: ReleaseRemindersOptions): number => {
  const { meeting, nowMs, graceMs } = options;
  const latest = meeting.releases.at(-1);
  const starts = new Map([...scheduledStarts(latest)].map(([id, start]) => [id, start.epochMilliseconds]));
  const stale = tables.reminders.enqueuedOffSchedule(meeting.id, starts, nowMs - graceMs);
  return tables.outbox.withdraw(stale, `its session was moved or cancelled by release ${latest?.label ?? ''}`.trim(), nowMs);
};

/**
 * `retimeReleaseReminders` until it is done, a transaction per chunk of `limit`, `pause` awaited
 * between chunks (so the event loop serves others while a release re-times its many subscribers'
 * reminders). Answers false when `pause` answered false (closing): the rest is not re-timed.
 *
 * @example
 * await retimeReleaseRemindersInChunks(db, tables.reminders, { meeting, release, nowMs, graceMs: 600_000 }, 4096, async () => true) //=> true
 */
export const retimeReleaseRemindersInChunks = async (
  db: Database.Database,
  reminders: RemindersTable,
  options: ReleaseRemindersOptions,
  limit: number,
  pause: () => Promise<boolean>,
): Promise<boolean> => {
  while (inDerivedTransaction(db, () => retimeReleaseReminders(reminders, options, limit)) === limit) {
    if (!(await pause())) return false;
  }
  return true;
};

/**
 * Re-plans a meeting's reminders after a release, second step (after `retimeReleaseReminders`):
 * drops the planned ones whose session went (one statement), and answers the planner of the
 * missing ones, which looks only at the sessions that may lack some: those that moved or came back
 * since the previous release. A release that changes no session's start adds no reminder and
 * works out no id. Run it in the transaction of the first chunk of subscribers it plans for.
 *
 * @example
 * const planFor = missingReleaseReminders(tables.reminders, { meeting, release, nowMs, graceMs: 600_000 })
 * tables.reminders.add(planFor(subscription)) //=> only those a moved session lacks (none, when each was re-timed)
 */
export const missingReleaseReminders = (reminders: RemindersTable, options: ReleaseRemindersOptions): ReminderPlanner => {
  const { meeting, release, nowMs, graceMs } = options;
  const latest = meeting.releases.at(-1);
  const starts = scheduledStarts(latest);
  reminders.dropGone(meeting.id, [...starts.keys()]);
  // The table holds the previous release's reminders for every subscriber when this release is the
  // latest (each release, and each subscription, planned from the latest of its time); when the
  // reactor catches up on an older one, that is not known, and every session is looked at.
  const previous = release === latest && release.version > 1 ? meeting.releases[release.version - 2] : undefined;
  const before = previous === undefined ? null : scheduledStarts(previous);
  const sessionIds = new Set([...starts].filter(([id, start]) => before?.get(id)?.epochMilliseconds !== start.epochMilliseconds).map(([id]) => id));
  return reminderPlanner(meeting, nowMs, graceMs, { sessionIds, keys: reminders.keysOf(meeting.id, sessionIds) });
};
