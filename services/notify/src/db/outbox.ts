import type Database from 'better-sqlite3';

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

export type OutboxStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface OutboxEntry {
  readonly id: string;
  readonly subscriptionId: string;
  readonly meetingId: string;
  /** e.g. `agenda.released`, `session.rescheduled`, `reminder.due`, `itip`, `confirmation` */
  readonly kind: string;
  readonly message: OutboxMessage;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number;
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
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

const fromRow = (row: Row): OutboxEntry => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  meetingId: row.meeting_id,
  kind: row.kind,
  message: JSON.parse(row.message) as OutboxMessage,
  status: row.status as OutboxStatus,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  createdAt: row.created_at,
  deliveredAt: row.delivered_at,
});

/**
 * The outbox: every notification is recorded here under its deterministic id before it is sent,
 * and marked when delivered, so a crash neither loses nor duplicates it (recording the same id
 * twice is a no-op). Rows are leased while a worker sends them, so several workers never send
 * one at the same time.
 */
export const outboxTable = (db: Database.Database) => {
  const insert = db.prepare(`
    INSERT INTO outbox (id, subscription_id, meeting_id, kind, message, status, next_attempt_at, created_at)
    VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) DO NOTHING`);
  const dueRows = db.prepare(
    "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at LIMIT ?",
  );
  const lease = db.prepare(
    "UPDATE outbox SET lease_until = ? WHERE id = ? AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ?)",
  );
  const renew = db.prepare("UPDATE outbox SET lease_until = ? WHERE id IN (SELECT value FROM json_each(?)) AND status = 'pending'");
  const delivered = db.prepare("UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?");
  const retry = db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_until = NULL WHERE id = ?');
  const failed = db.prepare("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, lease_until = NULL WHERE id = ?");
  const cancelPending = db.prepare("UPDATE outbox SET status = 'cancelled', lease_until = NULL WHERE subscription_id = ? AND status = 'pending'");
  const select = db.prepare('SELECT * FROM outbox WHERE id = ?');
  const requeue = db.prepare("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, lease_until = NULL WHERE id = ?");
  const replay = db.prepare(
    "UPDATE outbox SET status = 'pending', next_attempt_at = ?, lease_until = NULL WHERE subscription_id = ? AND created_at >= ? AND status IN ('delivered', 'failed')",
  );
  const byStatus = db.prepare(
    'SELECT * FROM outbox WHERE status = ? AND meeting_id IN (SELECT value FROM json_each(?)) AND id > ? ORDER BY id LIMIT ?',
  );
  const counts = db.prepare('SELECT status, COUNT(*) AS count FROM outbox GROUP BY status');
  return {
    /** Records a notification; false when that id was recorded before. */
    enqueue(entry: Pick<OutboxEntry, 'id' | 'subscriptionId' | 'meetingId' | 'kind' | 'message' | 'createdAt' | 'nextAttemptAt'>): boolean {
      return (
        insert.run(entry.id, entry.subscriptionId, entry.meetingId, entry.kind, JSON.stringify(entry.message), entry.nextAttemptAt, entry.createdAt)
          .changes === 1
      );
    },
    /** Leases up to `limit` due notifications for `leaseMs`; only rows this call leased are returned. */
    lease(nowMs: number, limit: number, leaseMs: number): OutboxEntry[] {
      return db.transaction(() =>
        (dueRows.all(nowMs, nowMs, limit) as Row[]).filter((row) => lease.run(nowMs + leaseMs, row.id, nowMs).changes === 1).map(fromRow),
      )();
    },
    /** Extends the lease of notifications still being sent, so no other worker takes them. */
    renewLeases(ids: readonly string[], until: number): void {
      if (ids.length > 0) renew.run(until, JSON.stringify(ids));
    },
    markDelivered(id: string, at: string): void {
      delivered.run(at, id);
    },
    scheduleRetry(id: string, nextAttemptAt: number, error: string): void {
      retry.run(nextAttemptAt, error, id);
    },
    markFailed(id: string, error: string): void {
      failed.run(error, id);
    },
    cancelPendingOf(subscriptionId: string): void {
      cancelPending.run(subscriptionId);
    },
    get(id: string): OutboxEntry | undefined {
      const row = select.get(id) as Row | undefined;
      return row === undefined ? undefined : fromRow(row);
    },
    /** Puts a parked (or delivered) notification back in line, same id. */
    requeue(id: string, nowMs: number): void {
      requeue.run(nowMs, id);
    },
    /** Sends a subscription's past notices again (same ids), from `since` on. */
    replaySince(subscriptionId: string, since: string, nowMs: number): number {
      return replay.run(nowMs, subscriptionId, since).changes;
    },
    list(status: OutboxStatus, meetingIds: readonly string[], after: string, limit: number): OutboxEntry[] {
      return (byStatus.all(status, JSON.stringify(meetingIds), after, limit) as Row[]).map(fromRow);
    },
    counts(): Record<string, number> {
      return Object.fromEntries((counts.all() as { status: string; count: number }[]).map((row) => [row.status, row.count]));
    },
  };
};

export type OutboxTable = ReturnType<typeof outboxTable>;
