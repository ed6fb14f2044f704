import type Database from 'better-sqlite3';
import { fillTemplate, type MessageTemplate } from '../message-template.ts';
import type { MessageTemplatesTable } from './message-templates.ts';
import { withoutWaitingForTheDisk } from './notify-database.ts';

/** A rendered notification, ready to hand to its channel. */
export type OutboxMessage =
  | Readonly<{
      channel: 'email';
      subject: string;
      text: string;
      html: string;
      listUnsubscribe: string | null;
      icalEvent: Readonly<{ method: 'REQUEST' | 'CANCEL'; content: string }> | null;
    }>
  | Readonly<{ channel: 'webhook'; type: string; timestamp: string; data: unknown }>;

/** What the outbox keeps of a message once its subscriber's personal data is erased: the channel it went by. */
export type ErasedMessage = Readonly<{ channel: OutboxMessage['channel']; erased: true }>;

/** `missed`: a reminder not sent by its deadline, never sent late (as the reminder timers say it). */
export type OutboxStatus = 'pending' | 'delivered' | 'failed' | 'cancelled' | 'missed';

export interface OutboxEntry {
  readonly id: string;
  readonly subscriptionId: string;
  readonly meetingId: string;
  /** e.g. `agenda.released`, `session.rescheduled`, `reminder.due`, `itip`, `confirmation` */
  readonly kind: string;
  readonly message: OutboxMessage | ErasedMessage;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  /** epoch ms after which it is never sent (a reminder), or null */
  readonly expiresAt: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

interface Row {
  id: string;
  subscription_id: string;
  meeting_id: string;
  kind: string;
  message: string;
  template_id: string | null;
  status: string;
  attempts: number;
  next_attempt_at: number;
  expires_at: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

const fromRow = (row: Row, messageJson: string): OutboxEntry => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  meetingId: row.meeting_id,
  kind: row.kind,
  message: JSON.parse(messageJson) as OutboxMessage | ErasedMessage,
  status: row.status as OutboxStatus,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  expiresAt: row.expires_at,
  lastError: row.last_error,
  createdAt: row.created_at,
  deliveredAt: row.delivered_at,
});

/** What an erased notification says of its last error, when it had one. */
const ERASED_ERROR = 'erased with the subscriber\'s personal data';

/** A message as the outbox recorded it: its JSON, or the id of its shared template and the value filling it in. */
export type RecordedMessage = Readonly<{ templateId: null; json: string }> | Readonly<{ templateId: string; fill: string }>;

/** A notification leased for one delivery attempt, its message as recorded (the worker prepares it for its channel). */
export interface LeasedNotification {
  readonly id: string;
  readonly subscriptionId: string;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly recorded: RecordedMessage;
}

/** What a lease reads of a row: what one delivery attempt needs. */
type LeasedRow = Pick<Row, 'id' | 'subscription_id' | 'attempts' | 'next_attempt_at' | 'message' | 'template_id'>;

const leasedOf = (row: LeasedRow): LeasedNotification => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  recorded: row.template_id === null ? { templateId: null, json: row.message } : { templateId: row.template_id, fill: row.message },
});

/** A message as the outbox stores it: its JSON, or a shared template and the value that fills it in. */
export type StoredMessage = Readonly<{ json: string }> | Readonly<{ template: MessageTemplate; fill: string }>;

/** A notification to record, its message already serialised; `expiresAt` only for one useless late. */
export type StoredNotification = Pick<OutboxEntry, 'id' | 'subscriptionId' | 'meetingId' | 'kind' | 'createdAt' | 'nextAttemptAt'> &
  Partial<Pick<OutboxEntry, 'expiresAt'>> & {
    readonly stored: StoredMessage;
  };

/** What one delivery attempt came to, as the outbox records it. */
export type DeliveryOutcome =
  | Readonly<{ id: string; status: 'delivered'; at: string }>
  | Readonly<{ id: string; status: 'retry'; nextAttemptAt: number; error: string }>
  | Readonly<{ id: string; status: 'failed'; error: string }>
  | Readonly<{ id: string; status: 'cancelled' }>;

/**
 * The outbox: every notification is recorded here under its deterministic id before it is sent,
 * and marked when delivered, so a crash neither loses nor duplicates it (recording the same id
 * twice is a no-op). Rows are leased while a worker sends them, so several workers never send
 * one at the same time.
 */
export const outboxTable = (db: Database.Database, templates: MessageTemplatesTable) => {
  const insert = db.prepare(`
    INSERT INTO outbox (id, subscription_id, meeting_id, kind, message, template_id, status, next_attempt_at, expires_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
  const messageJsonOf = (row: Pick<Row, 'message' | 'template_id'>, partsOf: (templateId: string) => readonly string[] = templates.partsOf): string =>
    row.template_id === null ? row.message : fillTemplate(partsOf(row.template_id), row.message);
  const entryOf = (row: Row, partsOf?: (templateId: string) => readonly string[]): OutboxEntry => fromRow(row, messageJsonOf(row, partsOf));
  // One statement claims the rows it selects: no other writer can come between (SQLite serialises
  // writers), and the `outbox_claim` index finds due, unleased rows without reading the table.
  const lease = db.prepare(`
    UPDATE outbox SET lease_until = @until WHERE id IN (
      SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
      ORDER BY next_attempt_at LIMIT @limit
    ) RETURNING id, subscription_id, attempts, next_attempt_at, message, template_id`);
  // Past its deadline a notification is missed rather than sent, whether it waits for its first
  // attempt (the service was down) or for a retry: found in `outbox_expiring`, which holds only
  // the pending ones that have a deadline (named: the planner, without statistics, would rather
  // read every pending row through `outbox_claim`). One being sent now is left to its outcome.
  const expire = db.prepare(`
    UPDATE outbox INDEXED BY outbox_expiring SET status = 'missed', lease_until = NULL
    WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at < @now AND (lease_until IS NULL OR lease_until <= @now)`);
  // Like `expire`, for notifications that would now say something false; one being sent is left to its outcome.
  const withdraw = db.prepare(`
    UPDATE outbox SET status = 'missed', last_error = @reason, lease_until = NULL
    WHERE id IN (SELECT value FROM json_each(@ids)) AND status = 'pending' AND (lease_until IS NULL OR lease_until <= @now)`);
  const renew = db.prepare("UPDATE outbox SET lease_until = ? WHERE id IN (SELECT value FROM json_each(?)) AND status = 'pending'");
  const delivered = db.prepare(
    "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id IN (SELECT value FROM json_each(?))",
  );
  // A notification cancelled while it was being sent (its subscriber erased) keeps no error: the
  // channel's words may name the address or the URL.
  const retry = db.prepare("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_until = NULL WHERE id = ? AND status = 'pending'");
  const cancelled = db.prepare("UPDATE outbox SET status = 'cancelled', lease_until = NULL WHERE id = ? AND status = 'pending'");
  const failed = db.prepare("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, lease_until = NULL WHERE id = ? AND status = 'pending'");
  const messagesOf = db.prepare('SELECT id, message, template_id FROM outbox WHERE subscription_id = ?');
  const erase = db.prepare(`
    UPDATE outbox SET message = ?, template_id = NULL, last_error = CASE WHEN last_error IS NULL THEN NULL ELSE ? END,
      status = CASE status WHEN 'pending' THEN 'cancelled' ELSE status END, lease_until = NULL
    WHERE id = ?`);
  const select = db.prepare('SELECT * FROM outbox WHERE id = ?');
  // Only one that is not in line: a pending one may be leased by a worker sending it now, and
  // clearing its lease would let the next turn send it a second time. Asked for again, a reminder
  // is sent however late: its deadline kept the worker from sending it late on its own (it would
  // otherwise be marked missed at the next turn, a delivered one's record rewritten).
  const requeue = db.prepare(
    "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, expires_at = NULL, last_error = NULL, lease_until = NULL WHERE id = ? AND status IN ('failed', 'cancelled', 'delivered')",
  );
  const replay = db.prepare(
    "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, expires_at = NULL, last_error = NULL, lease_until = NULL WHERE subscription_id = ? AND created_at >= ? AND status IN ('delivered', 'failed')",
  );
  // A meeting's notifications with a status, through `outbox_of_meeting`: the unary `+` keeps the
  // planner off `outbox_claim`, which would read every notification of that status, of any meeting.
  const byStatus = db.prepare(
    'SELECT * FROM outbox WHERE +status = ? AND meeting_id IN (SELECT value FROM json_each(?)) AND id > ? ORDER BY id LIMIT ?',
  );
  // The parked ones through `outbox_parked`, which holds only them: its condition, spelled out, lets the planner use it.
  const parked = db.prepare(
    "SELECT * FROM outbox WHERE status IN ('failed', 'cancelled') AND +status = ? AND meeting_id IN (SELECT value FROM json_each(?)) AND id > ? ORDER BY id LIMIT ?",
  );
  const counts = db.prepare('SELECT status, COUNT(*) AS count FROM outbox GROUP BY status');
  const pendingOfMeeting = db.prepare("SELECT COUNT(*) FROM outbox WHERE meeting_id = ? AND +status = 'pending'").pluck();
  /**
   * Records serialised notifications, each shared template stored once (in the caller's
   * transaction, so a template and the rows pointing to it commit together); answers how many
   * were new.
   */
  const enqueueAll = (entries: readonly StoredNotification[]): number => {
    const saved = new Set<string>();
    let recorded = 0;
    for (const entry of entries) {
      const { stored } = entry;
      if ('template' in stored && !saved.has(stored.template.id)) {
        templates.save(stored.template);
        saved.add(stored.template.id);
      }
      const [message, templateId] = 'template' in stored ? [stored.fill, stored.template.id] : [stored.json, null];
      recorded += insert.run(entry.id, entry.subscriptionId, entry.meetingId, entry.kind, message, templateId, entry.nextAttemptAt, entry.expiresAt ?? null, entry.createdAt).changes;
    }
    return recorded;
  };
  const record = (outcomes: readonly DeliveryOutcome[]): void => {
    // The deliveries of a worker's turn share their time: marked by one statement.
    const deliveredAt = new Map<string, string[]>();
    for (const outcome of outcomes) {
      switch (outcome.status) {
        case 'delivered': {
          const ids = deliveredAt.get(outcome.at);
          if (ids === undefined) deliveredAt.set(outcome.at, [outcome.id]);
          else ids.push(outcome.id);
          break;
        }
        case 'retry':
          retry.run(outcome.nextAttemptAt, outcome.error, outcome.id);
          break;
        case 'failed':
          failed.run(outcome.error, outcome.id);
          break;
        case 'cancelled':
          cancelled.run(outcome.id);
          break;
      }
    }
    for (const [at, ids] of deliveredAt) delivered.run(at, JSON.stringify(ids));
  };
  const recordAndLease = withoutWaitingForTheDisk(db, db.transaction((outcomes: readonly DeliveryOutcome[], nowMs: number, limit: number, leaseMs: number): LeasedNotification[] => {
    record(outcomes);
    if (limit <= 0) return [];
    expire.run({ now: nowMs });
    // RETURNING gives rows in no promised order
    return (lease.all({ until: nowMs + leaseMs, now: nowMs, limit }) as LeasedRow[]).map(leasedOf).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
  }));
  return {
    /** Records a notification; false when that id was recorded before. */
    enqueue(entry: Omit<StoredNotification, 'stored'> & { readonly message: OutboxMessage }): boolean {
      return enqueueAll([{ ...entry, stored: { json: JSON.stringify(entry.message) } }]) === 1;
    },
    enqueueAll,
    /**
     * Records what delivery attempts came to, marks missed those past their deadline, then leases
     * up to `limit` due notifications for `leaseMs` (oldest due first; only rows this call leased),
     * in one transaction: one commit per turn of the delivery worker, not one per notification,
     * and one that does not wait for the disk (see `withoutWaitingForTheDisk`).
     */
    recordAndLease(outcomes: readonly DeliveryOutcome[], nowMs: number, limit: number, leaseMs: number): LeasedNotification[] {
      return recordAndLease(outcomes, nowMs, limit, leaseMs);
    },
    /**
     * Marks missed, with `reason` as their last error, those of these notifications still waiting
     * to be sent (not one being sent now); answers how many.
     */
    withdraw(ids: readonly string[], reason: string, nowMs: number): number {
      return ids.length === 0 ? 0 : withdraw.run({ ids: JSON.stringify(ids), reason, now: nowMs }).changes;
    },
    /** Extends the lease of notifications still being sent, so no other worker takes them. */
    renewLeases(ids: readonly string[], until: number): void {
      if (ids.length > 0) renew.run(until, JSON.stringify(ids));
    },
    /**
     * Erases what a subscription's notifications say of their subscriber (an invitation names its
     * attendee; an error, the address or the URL it failed on): each keeps its id, kind, channel,
     * status, attempts and times, for the organiser's deliveries; those still pending are cancelled.
     */
    eraseOf(subscriptionId: string): void {
      for (const row of messagesOf.all(subscriptionId) as Pick<Row, 'id' | 'message' | 'template_id'>[]) {
        const message = JSON.parse(messageJsonOf(row)) as OutboxMessage | ErasedMessage;
        // Unsubscribing erases, and so does the reactor when the event arrives: rewrite each row once.
        if ('erased' in message) continue;
        const { channel } = message;
        erase.run(JSON.stringify({ channel, erased: true } satisfies ErasedMessage), ERASED_ERROR, row.id);
      }
    },
    get(id: string): OutboxEntry | undefined {
      const row = select.get(id) as Row | undefined;
      return row === undefined ? undefined : entryOf(row);
    },
    /**
     * Puts a parked (failed, cancelled) or delivered notification back in line, same id, attempts
     * reset, a reminder however late; false for one still in line (pending) or a reminder missed.
     */
    requeue(id: string, nowMs: number): boolean {
      return requeue.run(nowMs, id).changes === 1;
    },
    /** Sends a subscription's past notices again (same ids), from `since` on, reminders however late. */
    replaySince(subscriptionId: string, since: string, nowMs: number): number {
      return replay.run(nowMs, subscriptionId, since).changes;
    },
    list(status: OutboxStatus, meetingIds: readonly string[], after: string, limit: number): OutboxEntry[] {
      const statement = status === 'failed' || status === 'cancelled' ? parked : byStatus;
      // The notifications of a page share a few templates (a fan-out's thousands, one): each is read once.
      const read = new Map<string, readonly string[]>();
      const partsOf = (templateId: string) => {
        let parts = read.get(templateId);
        if (parts === undefined) read.set(templateId, (parts = templates.partsOf(templateId)));
        return parts;
      };
      return (statement.all(status, JSON.stringify(meetingIds), after, limit) as Row[]).map((row) => entryOf(row, partsOf));
    },
    /** How many of a meeting's notifications are still to be sent. */
    pendingOfMeeting(meetingId: string): number {
      return pendingOfMeeting.get(meetingId) as number;
    },
    counts(): Record<string, number> {
      return Object.fromEntries((counts.all() as { status: string; count: number }[]).map((row) => [row.status, row.count]));
    },
  };
};

export type OutboxTable = ReturnType<typeof outboxTable>;
