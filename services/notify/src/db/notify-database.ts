import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The notify service's own state, in its own SQLite file: the subscriptions' personal data (kept
 * out of the immutable events so unsubscribing can erase it), the outbox, the reminder timers
 * and the reactor's checkpoint. The reactor writes its checkpoint in the same transaction as what
 * an event made it do, so a crash never handles an event twice nor skips one.
 */
export const openNotifyDatabase = (path: string): Database.Database => {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SYNCHRONOUS}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Erasing a subscriber must leave no trace of them in the file: deleted rows and freed pages are
  // overwritten with zeros (ON, not FAST: an invitation's message spills onto overflow pages, which
  // FAST leaves on the freelist as they were). In WAL mode the zeros reach the file at the next
  // checkpoint; the log's older frames are overwritten by the next cycle of the log (auto-checkpoint
  // starts it again from its beginning), and the limit truncates the log at each new start to what
  // one cycle overwrites, so frames beyond it (after a long fan-out) do not linger either.
  db.pragma('secure_delete = ON');
  db.pragma(`journal_size_limit = ${walCycleBytes(db)}`);
  // A release touches rows all over the outbox and reminder indexes (their keys are hashes): with
  // SQLite's default 2 MB cache, each fan-out would read and spill the same pages again and again.
  db.pragma('cache_size = -65536');
  db.exec(SCHEMA);
  addColumnIfMissing(db, 'outbox', 'template_id', 'TEXT');
  addColumnIfMissing(db, 'outbox', 'expires_at', 'INTEGER');
  // The event at the checkpoint, checked against the store at start; null when an earlier version saved it.
  addColumnIfMissing(db, 'checkpoints', 'stream', 'TEXT');
  addColumnIfMissing(db, 'checkpoints', 'version', 'INTEGER');
  addColumnIfMissing(db, 'checkpoints', 'event_id', 'TEXT');
  // After the column it indexes, which a database of an earlier version gains only just above.
  // Reminders waiting to be sent, the only rows with a deadline: the worker finds those past it
  // without reading the rest of the outbox.
  db.exec("CREATE INDEX IF NOT EXISTS outbox_expiring ON outbox (expires_at) WHERE status = 'pending' AND expires_at IS NOT NULL");
  return db;
};

// Every commit waits for the disk, but those `withoutWaitingForTheDisk` runs.
const SYNCHRONOUS = 'FULL';

/**
 * `transaction` with a commit that does not wait for the disk (synchronous=NORMAL for it alone,
 * the connection's setting back after it, even when it throws). In WAL mode a process killed
 * after it loses nothing; a power cut may forget it, and what else committed since, until the next
 * commit that waits for the disk makes it all durable (the log is written in order, so what is
 * forgotten is always the last transactions). Only for what is derived from the stored events and
 * the clock, so that a loss makes the same work happen again under the same ids: the reactor's
 * writes (forgotten with its checkpoint, which they share a transaction with: the events are
 * handled again), the reminder scheduler's, and the delivery worker's outcomes and leases (a
 * delivery recorded and then forgotten is sent again under its id, as at-least-once allows).
 * What the routes write (a new contact, an erasure, a rotated secret) is not derived: it waits.
 * Only at the top level: SQLite refuses to change the setting inside an open transaction.
 */
export const withoutWaitingForTheDisk = <A extends unknown[], R>(db: Database.Database, transaction: (...args: A) => R): ((...args: A) => R) => {
  // Not prepared once: SQLite applies this pragma when the statement is compiled, not when it runs.
  return (...args) => {
    db.pragma('synchronous = NORMAL');
    try {
      return transaction(...args);
    } finally {
      db.pragma(`synchronous = ${SYNCHRONOUS}`);
    }
  };
};

/**
 * Runs `work` in a transaction of derived writes, whose commit does not wait for the disk (see
 * `withoutWaitingForTheDisk`).
 *
 * @example
 * inDerivedTransaction(db, () => tables.outbox.enqueueAll(notifications)) //=> how many were new
 */
export const inDerivedTransaction = <T>(db: Database.Database, work: () => T): T => withoutWaitingForTheDisk(db, db.transaction(work))();

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  name TEXT PRIMARY KEY,
  position TEXT NOT NULL
);

-- Personal data: erased (deleted) when the subscription ends.
CREATE TABLE IF NOT EXISTS contacts (
  subscription_id TEXT PRIMARY KEY,
  address TEXT,            -- e-mail address
  url TEXT,                -- webhook URL
  secrets TEXT NOT NULL DEFAULT '[]',  -- JSON [{secret, expiresAt|null}], newest first
  created_at TEXT NOT NULL
);
-- An address confirming a new subscription to a meeting replaces its older ones (see links.ts).
CREATE INDEX IF NOT EXISTS contacts_by_address ON contacts (lower(address)) WHERE address IS NOT NULL;

-- The subscriptions as the events tell them (no personal data).
CREATE TABLE IF NOT EXISTS subscriptions (
  subscription_id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  locale TEXT NOT NULL,
  reminders TEXT NOT NULL,
  session_ids TEXT,
  invitations INTEGER NOT NULL,
  event_types TEXT,
  status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS subscriptions_by_meeting ON subscriptions (meeting_id, status);

-- Every notification, recorded before it is sent, under a deterministic id.
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
  subscription_id TEXT NOT NULL,
  meeting_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,   -- JSON: the rendered e-mail or webhook; with a template, the value filling it in
  template_id TEXT,        -- the outbox_templates row the message fills in, if any
  status TEXT NOT NULL,    -- pending | delivered | failed | cancelled | missed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,  -- epoch ms
  expires_at INTEGER,      -- epoch ms: a reminder is missed, not sent, after it; NULL: no deadline
  lease_until INTEGER,     -- epoch ms: a worker is sending it until then
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
-- The delivery worker's claim: due, unleased rows found in the index alone (and counts by status).
DROP INDEX IF EXISTS outbox_due;
CREATE INDEX IF NOT EXISTS outbox_claim ON outbox (status, next_attempt_at, lease_until);
-- What was sent for a meeting (the deliveries routes), keyed by what never changes: marking a
-- notification delivered touches none of its pages (with the status in the key, each delivery
-- moved an entry across the index: two random pages written per delivery). Those that wait for an
-- organiser, failed or cancelled, are few: found in a partial index of their own.
DROP INDEX IF EXISTS outbox_by_meeting;
CREATE INDEX IF NOT EXISTS outbox_of_meeting ON outbox (meeting_id, id);
CREATE INDEX IF NOT EXISTS outbox_parked ON outbox (meeting_id, status, id) WHERE status IN ('failed', 'cancelled');
CREATE INDEX IF NOT EXISTS outbox_by_subscription ON outbox (subscription_id, created_at);

-- Messages shared by many outbox rows (a release to everyone in one zone and language), split
-- where each subscriber's own value goes: a JSON array of strings.
CREATE TABLE IF NOT EXISTS outbox_templates (
  id TEXT PRIMARY KEY,     -- content address
  parts TEXT NOT NULL
);

-- Durable reminder timers, planned from the latest release.
CREATE TABLE IF NOT EXISTS reminders (
  id TEXT PRIMARY KEY,
  subscription_id TEXT NOT NULL,
  meeting_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  minutes_before INTEGER NOT NULL,
  due_at INTEGER NOT NULL,   -- epoch ms
  status TEXT NOT NULL       -- planned | enqueued | missed
);
CREATE INDEX IF NOT EXISTS reminders_due ON reminders (status, due_at);
CREATE INDEX IF NOT EXISTS reminders_by_subscription ON reminders (subscription_id, status);
-- A release re-plans the reminders of its meeting session by session: by the start they were planned from.
CREATE INDEX IF NOT EXISTS reminders_by_session_start ON reminders (meeting_id, session_id, due_at + minutes_before * 60000);

-- Confirmation mails sent per address (hashed), for the per-address rate limit.
CREATE TABLE IF NOT EXISTS confirmation_sends (
  address_hash TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS confirmation_sends_by_address ON confirmation_sends (address_hash, sent_at);
`;

/** What the log holds at least when auto-checkpoint starts it again: its pages, without their frame headers. */
const walCycleBytes = (db: Database.Database): number =>
  (db.pragma('wal_autocheckpoint', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);

/** Brings a table created by an earlier version up to date (CREATE TABLE IF NOT EXISTS leaves it as it was). */
const addColumnIfMissing = (db: Database.Database, table: string, column: string, type: string): void => {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  if (!columns.some(({ name }) => name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
};
