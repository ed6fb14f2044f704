import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import {
  evolveSubscription,
  SUBSCRIPTION_EVENT_TYPES,
  type AgendaReleased,
  type ExistingMeeting,
  type Release,
  type SubscriptionEvent,
  type Temporal,
} from '@meridian/domain';
import type { Checkpoint, EventStore, RecordedEvent, Subscription } from '@meridian/event-store';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '@meridian/http';
import type { NotifyTables } from './db/tables.ts';
import type { ActiveSubscription } from './db/subscriptions-table.ts';
import type { MeetingLoader } from './meetings.ts';
import type { Composer } from './composer.ts';
import { planReminders, type ReminderPlanner } from './reminder-plan.ts';
import { missingReleaseReminders, retimeReleaseRemindersInChunks, withdrawOffScheduleReminders } from './release-reminders.ts';
import type { StoredNotification } from './db/outbox.ts';
import { storedTimestamp } from './timestamps.ts';
import { inDerivedTransaction } from './db/notify-database.ts';
import { checkStoreHoldsCheckpoint, type HandledEvent } from './checkpoint-check.ts';

const CHECKPOINT = 'reactor';
const SUBSCRIPTION_TYPES = new Set<string>(SUBSCRIPTION_EVENT_TYPES);
// Events that concern nobody here are not worth a write each; their checkpoint is saved now and then.
const IDLE_CHECKPOINT_EVERY = 500;
// Subscribers a release handles per transaction: the first chunk small, so that deliveries start
// after one short commit; then doubling, because the keys of the outbox and reminder indexes are
// hashes, and a commit writes out every index page its chunk touched, most of the index in a big
// fan-out, however few rows it added. The event loop is held one chunk at a time.
const FIRST_CHUNK = 128;
const LARGEST_CHUNK = 4096;
// A contact no subscription event names after this long never will (see #sweepOrphanContacts).
const ORPHAN_AGE_MS = 3_600_000;

export interface ReactorOptions {
  readonly store: EventStore;
  readonly db: Database.Database;
  readonly tables: NotifyTables;
  readonly meetings: MeetingLoader;
  readonly composer: Composer;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  /** a reminder due longer ago than this is never sent */
  readonly reminderGraceMs: number;
  /** called after each transaction that enqueued notifications */
  readonly onEnqueued?: () => void;
  /** called after reminders were re-planned (the next one may be sooner) */
  readonly onReplanned?: () => void;
  readonly retryMs?: number;
}

/**
 * The checkpointed reaction to the event stream: subscription events keep the subscriptions
 * table (ending one erases its personal data); each release enqueues, for every active subscriber
 * it concerns, its notices and re-plans their reminders. What an event causes and the checkpoint
 * after it are written in one transaction; a release to many, in several, the checkpoint with
 * the last (see `#onRelease`).
 */
export class Reactor {
  #subscription: Subscription | null = null;
  #caughtUp = false;
  #closed = false;
  #idle = 0;
  #eventsProcessed = 0;
  #lastRecordedAt: string | null = null;
  #lastHandled: HandledEvent | undefined;
  #lastSweep: number | null = null;
  #firstCatchUp: Promise<void>;
  #resolveFirstCatchUp!: () => void;
  #retry: NodeJS.Timeout | null = null;
  /** ends a pause of the checkpoint check (closing) */
  #stopWaiting: (() => void) | null = null;
  readonly #readCheckpoint: Database.Statement;
  readonly #writeCheckpoint: Database.Statement;

  constructor(private readonly options: ReactorOptions) {
    this.#firstCatchUp = new Promise((resolve) => (this.#resolveFirstCatchUp = resolve));
    this.#readCheckpoint = options.db.prepare('SELECT position, stream, version, event_id AS id FROM checkpoints WHERE name = ?');
    this.#writeCheckpoint = options.db.prepare(`
      INSERT INTO checkpoints (name, position, stream, version, event_id) VALUES (@name, @position, @stream, @version, @id)
      ON CONFLICT (name) DO UPDATE SET position = excluded.position, stream = excluded.stream, version = excluded.version, event_id = excluded.event_id`);
  }

  /** Rejects with CheckpointNotInStoreError when the store is not the one it followed. */
  async start(): Promise<void> {
    await this.#checkStoreHoldsCheckpoint();
    if (this.#closed) return;
    this.#subscribe();
    return this.#firstCatchUp;
  }

  get caughtUp(): boolean {
    return this.#caughtUp;
  }

  get eventsProcessed(): number {
    return this.#eventsProcessed;
  }

  /** when the store recorded the last event handled: how far behind the reactor is */
  get lastRecordedAt(): string | null {
    return this.#lastRecordedAt;
  }

  get checkpoint(): Checkpoint | undefined {
    return this.#lastHandled?.position ?? this.#savedCheckpoint()?.position;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopWaiting?.();
    if (this.#retry !== null) clearTimeout(this.#retry);
    await this.#subscription?.close();
    this.#saveIdleCheckpoint();
  }

  /** The checkpoint as saved, and the event there: null when an earlier version saved it. */
  #savedCheckpoint(): { position: Checkpoint; event: HandledEvent | null } | undefined {
    const row = this.#readCheckpoint.get(CHECKPOINT) as { position: string; stream: string | null; version: number | null; id: string | null } | undefined;
    if (row === undefined) return undefined;
    const { position, stream, version, id } = row;
    return { position, event: stream === null || version === null || id === null ? null : { position, stream, version, id } };
  }

  async #checkStoreHoldsCheckpoint(): Promise<void> {
    const event = this.#savedCheckpoint()?.event;
    if (event) await checkStoreHoldsCheckpoint(this.options.store, event, { log: this.options.log, pause: () => this.#pauseUnlessClosed() });
  }

  /** Waits `retryMs`, or less when closed meanwhile; false when closed. */
  async #pauseUnlessClosed(): Promise<boolean> {
    if (!this.#closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.retryMs ?? 1_000);
        this.#stopWaiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#stopWaiting = null;
    }
    return !this.#closed;
  }

  #subscribe(): void {
    const from = this.#savedCheckpoint()?.position;
    this.#subscription = this.options.store.subscribe({
      ...(from !== undefined && { from }),
      onEvent: (event) => this.#handle(event),
      onCaughtUp: () => {
        this.#saveIdleCheckpoint();
        this.#sweepOrphanContacts();
        this.#caughtUp = true;
        this.#resolveFirstCatchUp();
      },
      onError: (error) => {
        this.#caughtUp = false;
        this.options.log.error({ err: error }, 'reactor subscription failed; resubscribing from its checkpoint');
        if (!this.#closed) this.#retry = setTimeout(() => this.#subscribe(), this.options.retryMs ?? 1_000);
      },
    });
  }

  async #handle(event: RecordedEvent): Promise<void> {
    this.#eventsProcessed += 1;
    this.#lastRecordedAt = event.recordedAt;
    if (SUBSCRIPTION_TYPES.has(event.type)) await this.#onSubscriptionEvent(event as unknown as RecordedEvent & SubscriptionEvent);
    else if (event.type === 'AgendaReleased' && event.stream.startsWith('meeting-')) await this.#onRelease(event as unknown as RecordedEvent & AgendaReleased);
    else {
      this.#lastHandled = handledOf(event);
      if (++this.#idle >= IDLE_CHECKPOINT_EVERY) this.#saveIdleCheckpoint();
    }
  }

  async #onSubscriptionEvent(event: RecordedEvent & SubscriptionEvent): Promise<void> {
    const { tables } = this.options;
    const current = tables.subscriptions.get(event.data.subscriptionId) ?? { exists: false as const };
    const next = evolveSubscription(current, event);
    if (!next.exists) return this.#commit(event, () => undefined);
    const asksConfirmation = event.type === 'SubscriptionRequested' && next.channel === 'email';
    const meeting = next.status === 'active' || asksConfirmation ? await this.options.meetings.load(next.meetingId) : undefined;
    const now = this.options.clock.now();
    let confirmationEnqueued = false;
    let enqueued = false;
    this.#commit(event, () => {
      tables.subscriptions.save(next);
      if (next.status === 'ended') {
        tables.reminders.dropAllOf(next.subscriptionId);
        // also cancels what its outbox still held for the subscriber
        tables.contacts.erase(next.subscriptionId);
      } else if (asksConfirmation) {
        // The double opt-in mail, recorded with the checkpoint: a crash right after the request was
        // stored still sends it. No contact (erased meanwhile, or a notify database rebuilt
        // without its personal data): no mail.
        if (meeting !== undefined && tables.contacts.get(next.subscriptionId) !== undefined) {
          const notice = this.options.composer.confirmation({ subscription: next, meeting });
          const at = { createdAt: storedTimestamp(now), nextAttemptAt: now.epochMilliseconds };
          confirmationEnqueued = tables.outbox.enqueue({ ...notice, subscriptionId: next.subscriptionId, meetingId: next.meetingId, ...at });
        }
      } else if (meeting !== undefined) {
        tables.reminders.replan(next.subscriptionId, planReminders(next, meeting, now.epochMilliseconds, this.options.reminderGraceMs));
        const contact = tables.contacts.get(next.subscriptionId);
        const held = invitedSessions(current);
        // A change of preferences takes back what it drops, and sends what it adds, under ids of
        // its own (see `invitationsWithdrawn`); a confirmation, under the release's.
        const changed = event.type === 'SubscriptionPreferencesChanged' ? `preferences:${event.id}` : undefined;
        const invitations =
          contact === undefined
            ? []
            : [
                ...(changed === undefined ? [] : this.options.composer.invitationsWithdrawn({ subscription: next, contact, meeting, held, kept: invitedSessions(next), occasion: changed })),
                ...this.options.composer.invitationsNotHeld({ subscription: next, contact, meeting, held, occasion: changed }),
              ];
        const at = { subscriptionId: next.subscriptionId, meetingId: next.meetingId, createdAt: storedTimestamp(now), nextAttemptAt: now.epochMilliseconds };
        enqueued = tables.outbox.enqueueAll(invitations.map((notice) => ({ ...notice, ...at }))) > 0;
      }
    });
    if (confirmationEnqueued || enqueued) this.options.onEnqueued?.();
    this.options.onReplanned?.();
  }

  async #onRelease(event: RecordedEvent & AgendaReleased): Promise<void> {
    const meetingId = event.stream.slice('meeting-'.length);
    const meeting = await this.options.meetings.load(meetingId);
    const release = meeting?.releases[event.data.version - 1];
    if (meeting === undefined || release === undefined) return this.#commit(event, () => undefined);
    const { db, tables } = this.options;
    const now = this.options.clock.now();
    const subscribers = tables.subscriptions.activeOfMeeting(meetingId);
    const replan = { meeting, release, nowMs: now.epochMilliseconds, graceMs: this.options.reminderGraceMs };
    // The checkpoint goes with the last transaction: a crash before it handles the release again,
    // and what was recorded is recorded again under the same ids (no-ops).
    // 0. the reminders in the outbox that would now give a wrong time, before anything is sent
    inDerivedTransaction(db, () => withdrawOffScheduleReminders(tables, replan));
    // 1. the notices, first, so that their delivery starts as soon as possible (without notices,
    //    the invitations still keep calendars as the feeds are)
    const told = release.notify ? subscribers : subscribers.filter((subscription) => subscription.channel === 'email' && subscription.invitations);
    if (!(await this.#enqueueReleaseNotices(meeting, release, told, now))) return;
    // 2. the reminders, which nobody waits for: in the largest chunks at once (each commit writes out
    //    the index pages its chunk touched, most of the index). Those whose session moved are
    //    re-timed; then each subscriber gets only those missing (a release that moves nothing
    //    touches no reminder).
    if (!(await retimeReleaseRemindersInChunks(db, tables.reminders, replan, LARGEST_CHUNK, () => this.#yieldUnlessClosed()))) return;
    let planFor: ReminderPlanner | undefined;
    const chunks = chunksOf(subscribers, LARGEST_CHUNK);
    for (const [index, chunk] of chunks.entries()) {
      const work = () => {
        planFor ??= missingReleaseReminders(tables.reminders, replan);
        for (const subscription of chunk) tables.reminders.add(planFor(subscription));
      };
      if (index === chunks.length - 1) this.#commit(event, work);
      else {
        inDerivedTransaction(db, work);
        if (!(await this.#yieldUnlessClosed())) return;
      }
    }
    if (subscribers.length > 0) this.options.onReplanned?.();
  }

  /**
   * Records a release's notices to its subscribers chunk by chunk, the event loop free in between:
   * the delivery worker sends each chunk while the next is composed. False when the reactor closed
   * meanwhile.
   */
  async #enqueueReleaseNotices(meeting: ExistingMeeting, release: Release, subscribers: readonly ActiveSubscription[], now: Temporal.Instant): Promise<boolean> {
    const { db, tables, composer } = this.options;
    const noticesOf = composer.releaseFanOut(meeting, release);
    const createdAt = storedTimestamp(now);
    for (const chunk of chunksOf(subscribers)) {
      const enqueued = inDerivedTransaction(db, () => {
        const notifications: StoredNotification[] = [];
        const contacts = tables.contacts.getMany(chunk.map((subscription) => subscription.subscriptionId));
        for (const subscription of chunk) {
          const contact = contacts.get(subscription.subscriptionId);
          for (const notice of contact === undefined ? [] : noticesOf(subscription, contact)) {
            notifications.push({ ...notice, subscriptionId: subscription.subscriptionId, meetingId: meeting.id, createdAt, nextAttemptAt: now.epochMilliseconds });
          }
        }
        return tables.outbox.enqueueAll(notifications);
      });
      if (enqueued > 0) this.options.onEnqueued?.();
      if (!(await this.#yieldUnlessClosed())) return false;
    }
    return true;
  }

  /** Lets the event loop run; false when the reactor closed meanwhile (the release is handled again from the checkpoint at the next start). */
  async #yieldUnlessClosed(): Promise<boolean> {
    await nextMacrotask();
    return !this.#closed;
  }

  /**
   * Runs what an event causes and saves the checkpoint after it, atomically (a commit that does
   * not wait for the disk: forgotten on a power cut, the event is handled again).
   */
  #commit(event: RecordedEvent, work: () => void): void {
    inDerivedTransaction(this.options.db, () => {
      work();
      this.#writeCheckpoint.run({ name: CHECKPOINT, ...handledOf(event) });
    });
    this.#lastHandled = handledOf(event);
    this.#idle = 0;
  }

  /**
   * Personal data no event names (a subscription request that died between storing its contact
   * and its event) is erased once it is an hour old: caught up, the subscriptions table knows
   * every request stored that long ago. At most once an hour.
   */
  #sweepOrphanContacts(): void {
    const now = this.options.clock.now();
    if (this.#lastSweep !== null && now.epochMilliseconds - this.#lastSweep < ORPHAN_AGE_MS) return;
    this.#lastSweep = now.epochMilliseconds;
    const erased = this.options.tables.contacts.eraseOrphans(storedTimestamp(now.subtract({ milliseconds: ORPHAN_AGE_MS })));
    if (erased > 0) this.options.log.info({ erased }, 'erased contacts of subscription requests that were never stored');
  }

  #saveIdleCheckpoint(): void {
    if (this.#idle === 0 || this.#lastHandled === undefined) return;
    this.#writeCheckpoint.run({ name: CHECKPOINT, ...this.#lastHandled });
    this.#idle = 0;
  }
}

const handledOf = ({ position, stream, version, id }: RecordedEvent): HandledEvent => ({ position, stream, version, id });

/**
 * The sessions a subscription had invitations for before an event (its release invitations, and
 * the others sent when it asked): none unless it was active and asked for them; null for all.
 */
const invitedSessions = (subscription: ActiveSubscription | { exists: false }): ReadonlySet<string> | null =>
  !subscription.exists || subscription.status !== 'active' || subscription.channel !== 'email' || !subscription.invitations
    ? new Set()
    : subscription.sessionIds === null
      ? null
      : new Set(subscription.sessionIds);

/** `items` in chunks of `firstSize`, then twice as many each time up to `LARGEST_CHUNK`; always at least one (maybe empty) chunk. */
const chunksOf = <T>(items: readonly T[], firstSize = FIRST_CHUNK): T[][] => {
  const chunks: T[][] = [];
  for (let from = 0, size = firstSize; from === 0 || from < items.length; from += size, size = Math.min(2 * size, LARGEST_CHUNK)) {
    chunks.push(items.slice(from, from + size));
  }
  return chunks;
};
