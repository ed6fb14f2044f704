import type { ExistingMeeting, Release } from '@meridian/domain';
import type { RemindersTable } from './db/reminders-table.ts';
import { reminderPlanner, scheduledStarts, type ReminderPlanner } from './reminder-plan.ts';

/** What a release re-plans its reminders from. */
export interface ReleaseRemindersOptions {
  readonly meeting: ExistingMeeting;
  /** the release handled; the meeting's latest when the reactor is caught up */
  readonly release: Release;
  readonly nowMs: number;
  readonly graceMs: number;
}

/**
 * Re-plans a meeting's reminders after a release, set-wise: drops the planned ones whose session
 * moved or went (a statement per session), and answers the planner of the missing ones, which
 * looks only at the sessions that may lack some: those that moved or came back since the previous
 * release, and those some of whose reminders were just dropped. A release that changes no
 * session's start adds no reminder and works out no id. Run it in the release's first transaction.
 *
 * @example
 * const planFor = replanReleaseReminders(tables.reminders, { meeting, release, nowMs, graceMs: 600_000 })
 * tables.reminders.add(planFor(subscription)) //=> only the reminders of the moved session
 */
export const replanReleaseReminders = (reminders: RemindersTable, options: ReleaseRemindersOptions): ReminderPlanner => {
  const { meeting, release } = options;
  const latest = meeting.releases.at(-1);
  const starts = new Map([...scheduledStarts(latest)].map(([id, start]) => [id, start.epochMilliseconds]));
  const dropped = reminders.dropMoved(meeting.id, starts);
  // The table holds the previous release's reminders for every subscriber when this release is the
  // latest (each release, and each subscription, planned from the latest of its time); when the
  // reactor catches up on an older one, that is not known, and every session is looked at.
  const previous = release === latest && release.version > 1 ? meeting.releases[release.version - 2] : undefined;
  const before = previous === undefined ? null : scheduledStarts(previous);
  const sessionIds = new Set([...starts].filter(([id, start]) => before?.get(id)?.epochMilliseconds !== start || dropped.has(id)).map(([id]) => id));
  return reminderPlanner(meeting, options.nowMs, options.graceMs, { sessionIds, keys: reminders.keysOf(meeting.id, sessionIds) });
};
