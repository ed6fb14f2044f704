import { instantOf, type ExistingMeeting } from '@meridian/domain';
import type { ActiveSubscription } from './db/subscriptions-table.ts';
import type { PlannedReminder } from './db/reminders-table.ts';
import { notificationId } from './ids.ts';

/** A due instant, as reminders need it. */
interface Due {
  readonly epochMilliseconds: number;
  /** as the id of a reminder has always spelled it */
  readonly text: string;
}

/** Plans the reminders of one subscription (see `reminderPlanner`). */
export type ReminderPlanner = (subscription: ActiveSubscription) => PlannedReminder[];

/**
 * The reminders each subscription wants from the meeting's latest release: one per scheduled
 * session it follows and per "minutes before", due at the session's start (under today's tz rules)
 * minus those minutes. The id includes the due instant, so a moved session gets new reminders and
 * a re-released one at the same time keeps its old ones (never twice). Session starts and due
 * instants are worked out once per planner, not once per subscriber: a release re-plans them all.
 *
 * @example
 * reminderPlanner(meeting, nowMs, 600_000)(subscription) //=> [{ id: 'ntf_…', minutesBefore: 15, dueAt: … }, …]
 */
export const reminderPlanner = (meeting: ExistingMeeting, nowMs: number, graceMs: number): ReminderPlanner => {
  const release = meeting.releases.at(-1);
  const sessions =
    release === undefined
      ? []
      : [...release.sessions.values()]
          .filter((session) => session.status === 'scheduled')
          .map((session) => ({ id: session.id, start: instantOf(session.start, release.details.timeZone), due: new Map<number, Due>() }));
  const dueOf = (session: (typeof sessions)[number], minutesBefore: number): Due => {
    let due = session.due.get(minutesBefore);
    if (due === undefined) {
      const instant = session.start.subtract({ minutes: minutesBefore });
      session.due.set(minutesBefore, (due = { epochMilliseconds: instant.epochMilliseconds, text: instant.toString() }));
    }
    return due;
  };
  return (subscription) => {
    if (subscription.status !== 'active') return [];
    const followed = subscription.sessionIds === null ? null : new Set(subscription.sessionIds);
    const planned: PlannedReminder[] = [];
    for (const session of sessions) {
      if (followed !== null && !followed.has(session.id)) continue;
      for (const minutesBefore of subscription.reminders) {
        const due = dueOf(session, minutesBefore);
        // A time already past (beyond the grace window) is never reminded of.
        if (due.epochMilliseconds < nowMs - graceMs) continue;
        planned.push({
          id: notificationId(subscription.subscriptionId, session.id, minutesBefore, due.text),
          subscriptionId: subscription.subscriptionId,
          meetingId: meeting.id,
          sessionId: session.id,
          minutesBefore,
          dueAt: due.epochMilliseconds,
        });
      }
    }
    return planned;
  };
};

/**
 * The reminders one subscription wants (see `reminderPlanner`).
 *
 * @example
 * planReminders(subscription, meeting, nowMs, 600_000) //=> [{ id: 'ntf_…', minutesBefore: 15, dueAt: … }, …]
 */
export const planReminders = (subscription: ActiveSubscription, meeting: ExistingMeeting, nowMs: number, graceMs: number): PlannedReminder[] =>
  reminderPlanner(meeting, nowMs, graceMs)(subscription);
