import { instantOf, type ExistingMeeting, type Release, type Temporal } from '@meridian/domain';
import type { ActiveSubscription } from './db/subscriptions-table.ts';
import { reminderKey, type PlannedReminder } from './db/reminders-table.ts';
import { notificationId } from './ids.ts';
import { wantsEventType } from './event-types.ts';

/** A due instant, as reminders need it. */
export interface Due {
  readonly epochMilliseconds: number;
  /** as the id of a reminder has always spelled it */
  readonly text: string;
}

/** Plans the reminders of one subscription (see `reminderPlanner`). */
export type ReminderPlanner = (subscription: ActiveSubscription) => PlannedReminder[];

/**
 * The start instant of each scheduled session of a release, under today's tz rules: what every
 * reminder of the meeting is due relative to (when it is the latest release).
 *
 * @example
 * scheduledStarts(meeting.releases.at(-1)) //=> Map { 'opening' => Temporal.Instant 2031-03-17T08:00:00Z, … }
 */
export const scheduledStarts = (release: Release | undefined): Map<string, Temporal.Instant> => {
  const starts = new Map<string, Temporal.Instant>();
  if (release === undefined) return starts;
  for (const session of release.sessions.values()) {
    if (session.status === 'scheduled') starts.set(session.id, instantOf(session.start, release.details.timeZone));
  }
  return starts;
};

/**
 * When the reminders of a session starting at `start` are due, by "minutes before": each worked
 * out once, however many subscribers share it.
 *
 * @example
 * dueInstants(Temporal.Instant.from('2031-03-17T08:00:00Z'))(15) //=> { epochMilliseconds: 1931499900000, text: '2031-03-17T07:45:00Z' }
 */
export const dueInstants = (start: Temporal.Instant): ((minutesBefore: number) => Due) => {
  const due = new Map<number, Due>();
  return (minutesBefore) => {
    let instant = due.get(minutesBefore);
    if (instant === undefined) {
      const at = start.subtract({ minutes: minutesBefore });
      due.set(minutesBefore, (instant = { epochMilliseconds: at.epochMilliseconds, text: at.toString() }));
    }
    return instant;
  };
};

/**
 * The id of a subscription's reminder: the notification id it is sent under. It includes the due
 * instant, so a moved session gets new reminders and one moved back keeps those already sent.
 *
 * @example
 * reminderId('sub-1', 'opening', 15, { epochMilliseconds: 1931499900000, text: '2031-03-17T07:45:00Z' }) //=> 'ntf_…'
 */
export const reminderId = (subscriptionId: string, sessionId: string, minutesBefore: number, due: Due): string =>
  notificationId(subscriptionId, sessionId, minutesBefore, due.text);

/**
 * Whether a planned reminder is still wanted at its due instant by `release` (the meeting's latest):
 * its session scheduled, starting (under today's tz rules) its "minutes before" after it. The
 * reactor re-plans after each release, but it may be behind the store.
 *
 * @example
 * isStillDue({ sessionId: 'opening', minutesBefore: 15, dueAt: 1_931_499_900_000 }, meeting.releases.at(-1)) //=> false once 'opening' is cancelled or moved
 */
export const isStillDue = (reminder: Pick<PlannedReminder, 'sessionId' | 'minutesBefore' | 'dueAt'>, release: Release): boolean => {
  const session = release.sessions.get(reminder.sessionId);
  if (session?.status !== 'scheduled') return false;
  return dueInstants(instantOf(session.start, release.details.timeZone))(reminder.minutesBefore).epochMilliseconds === reminder.dueAt;
};

/**
 * The last instant (epoch ms) a reminder may go out: `graceMs` after it was due, and never once its
 * session has begun ("starts in 5 minutes" sent after the start says something false).
 *
 * @example
 * reminderDeadline(1_931_499_900_000, 15, 600_000) //=> 1_931_500_500_000 (ten minutes late at most)
 * reminderDeadline(1_931_500_700_000, 5, 600_000) //=> 1_931_500_999_999 (the last millisecond before the start)
 */
export const reminderDeadline = (dueAt: number, minutesBefore: number, graceMs: number): number =>
  Math.min(dueAt + graceMs, dueAt + minutesBefore * 60_000 - 1);

/** Reminders the table holds already: `reminderPlanner` leaves them out. */
export interface RecordedReminders {
  /** the sessions whose reminders may be missing; those of the others are all in the table */
  readonly sessionIds: ReadonlySet<string>;
  /** the `reminderKey` of every reminder of those sessions in the table */
  readonly keys: ReadonlySet<string>;
}

/**
 * The reminders each subscription wants from the meeting's latest release (none for a webhook
 * whose event types leave out `reminder.due`): one per scheduled session it follows and per
 * "minutes before", due at the session's start (under today's tz rules) minus those minutes.
 * The id includes the due instant, so a moved session gets new reminders and a re-released one at
 * the same time keeps its old ones (never twice). Session starts and due instants are worked out
 * once per planner, not once per subscriber: a release re-plans them all. Given `recorded`, only
 * the reminders missing from the table are answered, and only their ids are worked out.
 *
 * @example
 * reminderPlanner(meeting, nowMs, 600_000)(subscription) //=> [{ id: 'ntf_…', minutesBefore: 15, dueAt: … }, …]
 */
export const reminderPlanner = (meeting: ExistingMeeting, nowMs: number, graceMs: number, recorded?: RecordedReminders): ReminderPlanner => {
  const sessions = [...scheduledStarts(meeting.releases.at(-1))]
    .filter(([id]) => recorded === undefined || recorded.sessionIds.has(id))
    .map(([id, start]) => ({ id, dueOf: dueInstants(start) }));
  return (subscription) => {
    if (subscription.status !== 'active' || !wantsEventType(subscription, 'reminder.due')) return [];
    const followed = subscription.sessionIds === null ? null : new Set(subscription.sessionIds);
    const planned: PlannedReminder[] = [];
    for (const session of sessions) {
      if (followed !== null && !followed.has(session.id)) continue;
      for (const minutesBefore of subscription.reminders) {
        const due = session.dueOf(minutesBefore);
        if (nowMs > reminderDeadline(due.epochMilliseconds, minutesBefore, graceMs)) continue;
        if (recorded?.keys.has(reminderKey(subscription.subscriptionId, session.id, minutesBefore, due.epochMilliseconds))) continue;
        planned.push({
          id: reminderId(subscription.subscriptionId, session.id, minutesBefore, due),
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
