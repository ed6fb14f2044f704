import type { AppendResult, SqliteEventStore } from '@meridian/event-store';

/**
 * A bench-only PROTOTYPE of group commit, to size the fix recommended for `command.reschedule`;
 * the service does not use it. Appends requested during one turn of the event loop are queued
 * and committed together on `setImmediate`: one outer transaction (one WAL fsync, still
 * synchronous=FULL) in which each append keeps its own atomicity and version check (better-sqlite3
 * turns the adapter's nested transaction into a savepoint, so a conflicting append rolls back
 * alone). No caller is answered before that single COMMIT has returned.
 */
export const withGroupCommit = (store: SqliteEventStore): SqliteEventStore & { readonly stats: { commits: number; appends: number } } => {
  type Queued = { stream: string; events: Parameters<SqliteEventStore['append']>[1]; options: Parameters<SqliteEventStore['append']>[2]; resolve: (result: AppendResult) => void; reject: (error: unknown) => void };
  let queue: Queued[] = [];
  const stats = { commits: 0, appends: 0 };

  const flush = () => {
    const batch = queue;
    queue = [];
    const outcomes: Promise<AppendResult>[] = [];
    try {
      // The adapter's append runs synchronously up to its result; inside this transaction it
      // is a savepoint, and its promise settles only after the COMMIT below.
      store.database.transaction(() => {
        for (const item of batch) outcomes.push(store.append(item.stream, item.events, item.options));
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    stats.commits += 1;
    stats.appends += batch.length;
    batch.forEach((item, index) => outcomes[index]!.then(item.resolve, item.reject));
  };

  return {
    ...store,
    stats,
    append: (stream, events, options) =>
      new Promise((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ stream, events, options, resolve, reject });
      }),
  };
};
