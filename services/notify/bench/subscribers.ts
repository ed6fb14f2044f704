import { randomUUID } from 'node:crypto';
import {
  decideSubscription,
  evolveSubscription,
  initialSubscription,
  subscriptionStream,
  type Subscription,
  type SubscriptionCommand,
  type Temporal,
} from '@meridian/domain';
import type { NewEvent, SqliteEventStore } from '@meridian/event-store';
import { openNotifyDatabase } from '../src/db/notify-database.ts';
import { notifyTables } from '../src/db/tables.ts';
import type { ActiveSubscription } from '../src/db/subscriptions-table.ts';
import { createMeetingLoader } from '../src/meetings.ts';
import { planReminders } from '../src/reminder-plan.ts';
import { storedTimestamp } from '../src/timestamps.ts';
import { generateWebhookSecret } from '../src/channels/webhook-signing.ts';

const ZONES = ['Europe/Zurich', 'America/New_York', 'Asia/Tokyo', 'Africa/Nairobi', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];
const LOCALES = ['en', 'fr', 'es', 'de'];

/** One group of subscribers to seed: all of one meeting, all on one channel. */
export interface SubscriberGroup {
  readonly meetingId: string;
  readonly channel: 'webhook' | 'email';
  readonly count: number;
  /** the webhook URL of subscriber `index` (webhook groups) */
  readonly url?: (index: number) => string;
  /** the address of subscriber `index` (e-mail groups) */
  readonly address?: (index: number) => string;
}

export interface SeedSubscribersOptions {
  readonly store: SqliteEventStore;
  /** the notify service's own SQLite file, not yet opened by a running service */
  readonly notifyDatabasePath: string;
  readonly groups: readonly SubscriberGroup[];
  readonly now: Temporal.Instant;
  /** the reminder grace the service will run with */
  readonly reminderGraceMs: number;
}

/**
 * Active subscriptions, fast, before the notify service starts, so that the bench spends its
 * time on the fan-out and not on creating 10,000 subscriptions one durable command at a time
 * (through `POST /subscriptions` each costs three fsyncs: its contact, its events, the reactor's
 * transaction).
 *
 * 1. The events, through the store: each subscription's own `RequestSubscription` (and, for
 *    e-mail, `ConfirmSubscription`: the double opt-in done) decided by the domain's
 *    `decideSubscription`, appended to its stream; all appends in one outer transaction.
 * 2. The notify database, as the service's routes and reactor would leave it, written with the
 *    service's own table modules in one transaction: the contact (URL with a fresh `whsec_`
 *    secret, or address), the subscription as `evolveSubscription` folds it, its reminders as
 *    `planReminders` plans them, and the reactor's checkpoint at the store's head (everything
 *    before it, the meetings' first releases included, handled: the subscribers came after).
 *
 * Webhook subscribers want only `agenda.released`: one webhook per subscriber per release.
 */
export const seedSubscribers = async (options: SeedSubscribersOptions): Promise<void> => {
  const { store, now } = options;
  const metadata = (subscriptionId: string) => ({ actor: `subscriber:${subscriptionId}`, correlationId: 'bench-seed', causationId: null, occurredAt: now.toString() });
  const seeded: { group: SubscriberGroup; index: number; state: ActiveSubscription }[] = [];
  const appended: Promise<unknown>[] = [];
  store.database.transaction(() => {
    for (const group of options.groups) {
      for (let index = 0; index < group.count; index += 1) {
        const subscriptionId = randomUUID();
        const commands: SubscriptionCommand[] = [
          {
            type: 'RequestSubscription',
            now,
            data: {
              subscriptionId,
              meetingId: group.meetingId,
              channel: group.channel,
              timeZone: ZONES[index % ZONES.length]!,
              locale: LOCALES[index % LOCALES.length]!,
              ...(group.channel === 'webhook' && { eventTypes: ['agenda.released'] }),
            },
          },
          ...(group.channel === 'email' ? [{ type: 'ConfirmSubscription' as const, now, data: { subscriptionId } }] : []),
        ];
        let state: Subscription = initialSubscription();
        const events: NewEvent[] = [];
        for (const command of commands) {
          for (const event of decideSubscription(command, state)) {
            state = evolveSubscription(state, event);
            events.push({ id: randomUUID(), type: event.type, data: event.data, metadata: metadata(subscriptionId) });
          }
        }
        if (!state.exists || state.status !== 'active') throw new Error(`subscriber ${index} is not active`);
        appended.push(store.append(subscriptionStream(subscriptionId), events, { expectedVersion: 0 }));
        seeded.push({ group, index, state });
      }
    }
  })();
  await Promise.all(appended);

  const meetings = createMeetingLoader(store);
  const meetingOf = new Map<string, Awaited<ReturnType<typeof meetings.load>>>();
  for (const group of options.groups) meetingOf.set(group.meetingId, await meetings.load(group.meetingId));
  const head = await store.headCheckpoint();
  const db = openNotifyDatabase(options.notifyDatabasePath);
  try {
    const tables = notifyTables(db);
    const saveCheckpoint = db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
    db.transaction(() => {
      for (const { group, index, state } of seeded) {
        const webhook = group.channel === 'webhook';
        tables.contacts.add(
          {
            subscriptionId: state.subscriptionId,
            address: webhook ? null : group.address!(index),
            url: webhook ? group.url!(index) : null,
            secrets: webhook ? [{ secret: generateWebhookSecret(), expiresAt: null }] : [],
          },
          storedTimestamp(now),
        );
        tables.subscriptions.save(state);
        tables.reminders.replan(state.subscriptionId, planReminders(state, meetingOf.get(group.meetingId)!, now.epochMilliseconds, options.reminderGraceMs));
      }
      saveCheckpoint.run('reactor', head);
    })();
  } finally {
    db.close();
  }
};
