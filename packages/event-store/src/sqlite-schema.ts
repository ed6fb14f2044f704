import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Options of {@link openEventsDatabase}. */
export interface OpenEventsDatabaseOptions {
  /** how long a writer waits for another connection's write lock before SQLITE_BUSY */
  readonly busyTimeoutMs: number;
}

/**
 * Opens (creating if needed) an SQLite file holding the `events` table, with the pragmas the
 * store's durability and multi-process rules need.
 *
 * `position` is an AUTOINCREMENT rowid: SQLite then never hands out the position of a committed
 * row again, not even once that row is deleted, so a checkpoint can never come to name a different
 * event. (The positions of a transaction or savepoint rolled back are handed out again: no reader
 * ever saw them.)
 *
 * @example
 * const db = openEventsDatabase('/srv/meridian/data/meridian.db', { busyTimeoutMs: 5000 })
 * db.pragma('journal_mode', { simple: true }) //=> 'wal'
 */
export function openEventsDatabase(path: string, options: OpenEventsDatabaseOptions): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  // The timeout is given at open so that the busy handler already covers the pragmas and the
  // schema below, which may race with another process opening the same new file.
  const db = new Database(path, { timeout: options.busyTimeoutMs });
  try {
    // WAL lets readers (subscriptions, other processes) run beside the single writer.
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before append resolves; NORMAL could lose acknowledged appends
    // on power loss, which an event store cannot afford.
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    stream      TEXT    NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream, version)
  ) STRICT;
`;
