import type Database from 'better-sqlite3';
import type { AppendResult } from './port.ts';
import type { PreparedAppend, SqliteAppend } from './sqlite-append.ts';

/** What a {@link GroupCommit} has done so far: appends per commit is what it saves in fsyncs. */
export interface GroupCommitStats {
  /** transactions committed, each one sync of the WAL */
  readonly commits: number;
  /** appends settled by those commits, refused ones (a conflict, a stored id) included */
  readonly appends: number;
}

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions {
  readonly database: Database.Database;
  /** writes one append as a savepoint of the open transaction */
  readonly write: SqliteAppend['write'];
  /** the `recordedAt` of a commit's events, an ISO 8601 instant */
  readonly now: () => string;
  /** told after each COMMIT has returned, before any of its appends is answered */
  readonly onCommit: () => void;
}

/** Appends committed together; see {@link createGroupCommit}. */
export interface GroupCommit {
  /** queues an append for the commit of this turn of the event loop; settles after that COMMIT */
  append(prepared: PreparedAppend): Promise<AppendResult>;
  /** commits what is queued now instead of at the end of the turn (a store about to close) */
  flush(): void;
  readonly stats: GroupCommitStats;
}

interface Queued {
  readonly prepared: PreparedAppend;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly result: AppendResult } | { readonly error: unknown };

/**
 * Group commit: the appends requested during one turn of the event loop are written in one
 * IMMEDIATE transaction, committed once (one sync of the WAL, synchronous=FULL kept) when the turn
 * ends (`setImmediate`). Concurrent commands then share the cost of the sync instead of queueing
 * behind one sync each.
 *
 * Each append keeps its own atomicity and expected-version check: it is a savepoint of the
 * transaction, so a refused one rolls back alone and the others commit. Appends are written in
 * the order they were requested, which is the order of their positions. No append is answered
 * before the COMMIT has returned, and a failure of the transaction as a whole (the write lock not
 * had within the busy timeout, a failing COMMIT, an I/O error that rolls everything back) fails
 * every append of the group: none of them is stored.
 *
 * @example
 * const group = createGroupCommit({ database, write, now, onCommit: () => commits.notify() })
 * await Promise.all([group.append(a), group.append(b)]) //=> both in one transaction
 * group.stats //=> { commits: 1, appends: 2 }
 */
export function createGroupCommit({ database, write, now, onCommit }: GroupCommitOptions): GroupCommit {
  let queue: Queued[] = [];
  const stats = { commits: 0, appends: 0 };

  const writeAll = database.transaction((batch: readonly Queued[], recordedAt: string): Outcome[] =>
    batch.map(({ prepared }) => {
      try {
        return { result: write(prepared, recordedAt) };
      } catch (error) {
        // SQLite rolls the whole transaction back on some errors (I/O, a full disk): carrying on
        // would write the rest outside any transaction, so the group fails as a whole.
        if (!database.inTransaction) throw error;
        return { error };
      }
    }),
  );

  const flush = (): void => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = writeAll.immediate(batch, now());
    } catch (error) {
      for (const queued of batch) queued.reject(error);
      return;
    }
    stats.commits += 1;
    stats.appends += batch.length;
    onCommit();
    outcomes.forEach((outcome, index) => {
      const queued = batch[index]!;
      if ('result' in outcome) queued.resolve(outcome.result);
      else queued.reject(outcome.error);
    });
  };

  return {
    append: (prepared) =>
      new Promise<AppendResult>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ prepared, resolve, reject });
      }),
    flush,
    stats,
  };
}
