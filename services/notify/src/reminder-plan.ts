import { instantOf, type ExistingMeeting } from '@meridian/domain';
import type { ActiveSubscription } from './db/subscriptions-table.ts';
import type { PlannedReminder } from './db/reminders-table.ts';
import { notificationId } from './ids.ts';

/**
 * The reminders a subscription wants from the meeting's latest release: one per scheduled session
 * it follows and per "minutes before", due at the session's start (under today's tz rules) minus
 * those minutes. The id includes the due instant, so a moved session gets new reminders and a
 * re-released one at the same time keeps its old ones (never twice).
 *
 * @example
 * planReminders(subscription, meeting, nowMs, 600_000) //=> [{ id: 'ntf_…', minutesBefore: 15, dueAt: … }, …]
 */
export const planReminders = (
  subscription: ActiveSubscription,
  meeting: ExistingMeeting,
  nowMs: number,
  graceMs: number,
): PlannedReminder[] => {
  const release = meeting.releases.at(-1);
  if (release === undefined || subscription.status !== 'active') return [];
  const followed = subscription.sessionIds === null ? null : new Set(subscription.sessionIds);
  const planned: PlannedReminder[] = [];
  for (const session of release.sessions.values()) {
    if (session.status !== 'scheduled' || (followed !== null && !followed.has(session.id))) continue;
    const start = instantOf(session.start, release.details.timeZone);
    for (const minutesBefore of subscription.reminders) {
      const due = start.subtract({ minutes: minutesBefore });
      // A time already past (beyond the grace window) is never reminded of.
      if (due.epochMilliseconds < nowMs - graceMs) continue;
      planned.push({
        id: notificationId(subscription.subscriptionId, session.id, minutesBefore, due.toString()),
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
