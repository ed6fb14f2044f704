import type Database from 'better-sqlite3';
import type { Subscription } from '@meridian/domain';

export type ActiveSubscription = Extract<Subscription, { exists: true }>;

interface Row {
  subscription_id: string;
  meeting_id: string;
  channel: string;
  time_zone: string;
  locale: string;
  reminders: string;
  session_ids: string | null;
  invitations: number;
  event_types: string | null;
  status: string;
}

const fromRow = (row: Row): ActiveSubscription => ({
  exists: true,
  subscriptionId: row.subscription_id,
  meetingId: row.meeting_id,
  channel: row.channel as ActiveSubscription['channel'],
  timeZone: row.time_zone,
  locale: row.locale,
  reminders: JSON.parse(row.reminders) as number[],
  sessionIds: row.session_ids === null ? null : (JSON.parse(row.session_ids) as string[]),
  invitations: row.invitations === 1,
  eventTypes: row.event_types === null ? null : (JSON.parse(row.event_types) as string[]),
  status: row.status as ActiveSubscription['status'],
});

/** The subscriptions as their events tell them: the reactor keeps this table, the routes read it. */
export const subscriptionsTable = (db: Database.Database) => {
  const upsert = db.prepare(`
    INSERT INTO subscriptions (subscription_id, meeting_id, channel, time_zone, locale, reminders, session_ids, invitations, event_types, status)
    VALUES (@subscription_id, @meeting_id, @channel, @time_zone, @locale, @reminders, @session_ids, @invitations, @event_types, @status)
    ON CONFLICT (subscription_id) DO UPDATE SET
      time_zone = excluded.time_zone, locale = excluded.locale, reminders = excluded.reminders,
      session_ids = excluded.session_ids, invitations = excluded.invitations, event_types = excluded.event_types,
      status = excluded.status`);
  const select = db.prepare('SELECT * FROM subscriptions WHERE subscription_id = ?');
  const activeOfMeeting = db.prepare("SELECT * FROM subscriptions WHERE meeting_id = ? AND status = 'active'");
  const liveOfMeeting = db.prepare("SELECT subscription_id FROM subscriptions WHERE meeting_id = ? AND status != 'ended'").pluck();
  const meetingsFollowed = db.prepare("SELECT DISTINCT meeting_id FROM subscriptions WHERE status != 'ended'").pluck();
  const webhooksOfMeeting = db.prepare(`
    SELECT * FROM subscriptions WHERE meeting_id = ? AND channel = 'webhook' AND status != 'ended' AND subscription_id > ?
    ORDER BY subscription_id LIMIT ?`);
  return {
    save(subscription: ActiveSubscription): void {
      upsert.run({
        subscription_id: subscription.subscriptionId,
        meeting_id: subscription.meetingId,
        channel: subscription.channel,
        time_zone: subscription.timeZone,
        locale: subscription.locale,
        reminders: JSON.stringify(subscription.reminders),
        session_ids: subscription.sessionIds === null ? null : JSON.stringify(subscription.sessionIds),
        invitations: subscription.invitations ? 1 : 0,
        event_types: subscription.eventTypes === null ? null : JSON.stringify(subscription.eventTypes),
        status: subscription.status,
      });
    },
    get(subscriptionId: string): ActiveSubscription | undefined {
      const row = select.get(subscriptionId) as Row | undefined;
      return row === undefined ? undefined : fromRow(row);
    },
    /** The ids of a meeting's subscriptions not ended (pending or active). */
    liveOfMeeting(meetingId: string): string[] {
      return liveOfMeeting.all(meetingId) as string[];
    },
    /** The meetings some subscription not ended follows. */
    meetingsFollowed(): string[] {
      return meetingsFollowed.all() as string[];
    },
    activeOfMeeting(meetingId: string): ActiveSubscription[] {
      return (activeOfMeeting.all(meetingId) as Row[]).map(fromRow);
    },
    /** Up to `limit` webhook subscriptions of a meeting that have not ended, after `afterId` (ids in order). */
    webhooksOfMeeting(meetingId: string, afterId: string, limit: number): ActiveSubscription[] {
      return (webhooksOfMeeting.all(meetingId, afterId, limit) as Row[]).map(fromRow);
    },
  };
};

export type SubscriptionsTable = ReturnType<typeof subscriptionsTable>;
