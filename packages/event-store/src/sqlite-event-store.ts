import type Database from 'better-sqlite3';
import { validateAppend } from './append-validation.ts';
import { createCommitSignal } from './commit-signal.ts';
import { InvalidCheckpointError, SqliteStoreNeedsFileError, StoreClosedError } from './errors.ts';
import { startPollingSubscription, type PollingSubscription } from './polling-subscription.ts';
import { validateReadLimit } from './read-validation.ts';
import { prepareAppend } from './sqlite-append.ts';
import { createGroupCommit, type GroupCommitStats } from './sqlite-group-commit.ts';
import { toCheckpoint, toPosition } from './sqlite-checkpoint.ts';
import { createRecentCommits } from './sqlite-recent-commits.ts';
import { openEventsDatabase } from './sqlite-schema.ts';
import { prepareReadStatements, readBoundedBatch, toRecordedEvent } from './sqlite-statements.ts';
import { startWriterThread } from './sqlite-writer.ts';
import type { Checkpoint, EventStore, ReadAllOptions, Subscription } from './port.ts';

/** Options of {@link openSqliteEventStore}. */
export interface SqliteEventStoreOptions {
  /** the SQLite file (see `parseStoreUrl`); its directory is created if missing */
  readonly path: string;
  /** the `recordedAt` of each append, an ISO 8601 instant (default: the system clock) */
  readonly now?: () => string;
  /** how often subscriptions look for other processes' commits (default 100 ms) */
  readonly pollIntervalMs?: number;
  /** how long an append waits for another process's write lock (default 5000 ms) */
  readonly busyTimeoutMs?: number;
  /** at most this many events per subscription read (default 500) */
  readonly batchSize?: number;
  /** a subscription read also stops once it holds this many characters of JSON (default 16 Mi) */
  readonly batchChars?: number;
}

/** The SQLite adapter: the port plus what only a local file can offer. */
export interface SqliteEventStore extends EventStore {
  /** the file this store writes */
  readonly path: string;
  /**
   * Adapter-specific: the store's own better-sqlite3 connection, for modules of the same process
   * that keep their tables in the same file. A projection writes its state and its checkpoint in
   * one `database.transaction(...)`, so a crash never applies an event twice nor skips one.
   * Never write to the `events` table through it; it is closed by `close()`. Appends are written
   * by another connection (the writer thread's): a write through this one waits, blocking, while
   * that one commits (within the busy timeout).
   */
  readonly database: Database.Database;
  /** what group commit has saved: appends per commit (see `createGroupCommit`) */
  readonly groupCommit: GroupCommitStats;
}

/**
 * Opens the SQLite event store in `options.path` (WAL, synchronous=FULL). Appends are written by
 * a thread of their own, with its own connection, so a commit's sync never blocks this event
 * loop; appends requested while it commits are committed together next, each one still atomic
 * and checked on its own (see `createGroupCommit`). Several processes may open the same file:
 * SQLite serialises their appends, and subscriptions poll for each other's commits. Checkpoints
 * are the decimal positions of the events.
 *
 * @example
 * const store = openSqliteEventStore({ path: 'data/meridian.db' })
 * await store.append(`meeting-${id}`, [meetingCreated], { expectedVersion: 0 }) //=> { version: 1, position: '1' }
 */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  if (options.path === ':memory:' || options.path === '') throw new SqliteStoreNeedsFileError(options.path);
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const database = openEventsDatabase(options.path, { busyTimeoutMs });
  const statements = prepareReadStatements(database);
  const commits = createCommitSignal();
  // what this object committed lately, handed to its subscriptions instead of read back
  const recent = createRecentCommits({ maxEvents: 1024, maxChars: 4 * 1024 * 1024 });
  const group = createGroupCommit({
    startThread: (handlers) => startWriterThread({ path: options.path, busyTimeoutMs }, handlers),
    now: options.now ?? (() => new Date().toISOString()),
    onCommit: (committed) => {
      recent.record(committed);
      commits.notify();
    },
  });
  const subscriptions = new Set<PollingSubscription>();
  const batchSize = options.batchSize ?? 500;
  const batchChars = options.batchChars ?? 16 * 1024 * 1024;
  let closing: Promise<void> | undefined;
  let closed = false;

  const assertOpen = () => {
    if (closed) throw new StoreClosedError();
  };
  // A checkpoint beyond the newest event was not issued by this file: most likely a projection
  // paired with another store. Refused, since waiting for it would silently skip events.
  const positionAfter = (checkpoint: Checkpoint | undefined): number => {
    if (checkpoint === undefined) return 0;
    const position = toPosition(checkpoint);
    if (position > (statements.headPosition.get() ?? 0)) throw new InvalidCheckpointError(checkpoint);
    return position;
  };

  return {
    path: options.path,
    database,
    groupCommit: group.stats,

    async append(stream, events, appendOptions) {
      assertOpen();
      validateAppend(stream, events, appendOptions);
      return group.append(prepareAppend(stream, events, appendOptions.expectedVersion));
    },

    async readStream(stream, readOptions = {}) {
      assertOpen();
      const afterVersion = readOptions.afterVersion ?? 0;
      if (!Number.isSafeInteger(afterVersion) || afterVersion < 0) {
        throw new RangeError(`afterVersion must be an integer ≥ 0, not ${String(afterVersion)}`);
      }
      validateReadLimit(readOptions.limit);
      return statements.readStream.all(stream, afterVersion, readOptions.limit ?? -1).map(toRecordedEvent);
    },

    async readAll(readOptions: ReadAllOptions = {}) {
      assertOpen();
      validateReadLimit(readOptions.limit);
      return statements.readAll.all(positionAfter(readOptions.after), readOptions.limit ?? -1).map(toRecordedEvent);
    },

    subscribe(subscribeOptions): Subscription {
      if (closing) throw new StoreClosedError();
      positionAfter(subscribeOptions.from);
      const subscription = startPollingSubscription(
        {
          commits,
          pollIntervalMs: options.pollIntervalMs ?? 100,
          readAfter: (after) => readBoundedBatch(statements, after === undefined ? 0 : toPosition(after), batchSize, batchChars),
          readCommitted: (after) => recent.after(after === undefined ? 0 : toPosition(after), { maxEvents: batchSize, maxChars: batchChars }),
        },
        subscribeOptions,
      );
      subscriptions.add(subscription);
      void subscription.stopped.finally(() => subscriptions.delete(subscription));
      return subscription;
    },

    async headCheckpoint() {
      assertOpen();
      const head = statements.headPosition.get();
      return head === null || head === undefined ? undefined : toCheckpoint(head);
    },

    close() {
      // Subscriptions stop first, with the store still open: a handler in flight may still
      // append or read (a reactor finishing its event) before the connection goes away; the
      // appends still queued are committed before it does.
      closing ??= Promise.all([...subscriptions].map((subscription) => subscription.close())).then(async () => {
        closed = true;
        await group.close();
        database.close();
      });
      return closing;
    },
  };
}
