import type Database from 'better-sqlite3';
import type { PreparedAppend } from './sqlite-append.ts';
import { createSqliteAppend } from './sqlite-append.ts';
import { prepareWriteStatements } from './sqlite-statements.ts';
import { toWireError, type WireOutcome, type WriterReply } from './sqlite-writer-protocol.ts';

/** Commits a batch of appends; see {@link createBatchCommit}. */
export type BatchCommit = (appends: readonly PreparedAppend[], recordedAt: string) => WriterReply;

/**
 * One batch of appends, one IMMEDIATE transaction, one COMMIT (one sync of the WAL with
 * synchronous=FULL). Each append is a savepoint of the transaction (see `createSqliteAppend`), so
 * a refused one rolls back alone and the others commit; they are written in the order given,
 * which is the order of their positions. A failure of the transaction as a whole (the write lock
 * not had within the busy timeout, a failing COMMIT, an I/O error that rolls everything back)
 * fails every append of the batch: none of them is stored.
 *
 * Each outcome says whether its append was stored by this commit, or was a retry answered with
 * the result of an earlier append (even one earlier in this very batch).
 *
 * @example
 * const commit = createBatchCommit(database)
 * commit([first, conflicting], '2031-01-01T00:00:00.000Z')
 * //=> { kind: 'committed', recordedAt: '2031-01-01T00:00:00.000Z', outcomes: [{ result: { version: 1, position: '1' }, stored: true }, { error: { kind: 'wrong-expected-version', … } }] }
 */
export function createBatchCommit(database: Database.Database): BatchCommit {
  const write = createSqliteAppend(database, prepareWriteStatements(database));
  const writeAll = database.transaction((appends: readonly PreparedAppend[], recordedAt: string): WireOutcome[] =>
    appends.map((append) => {
      try {
        return write(append, recordedAt);
      } catch (error) {
        // SQLite rolls the whole transaction back on some errors (I/O, a full disk): carrying on
        // would write the rest outside any transaction, so the batch fails as a whole.
        if (!database.inTransaction) throw error;
        return { error: toWireError(error) };
      }
    }),
  );
  return (appends, recordedAt) => {
    try {
      return { kind: 'committed', recordedAt, outcomes: writeAll.immediate(appends, recordedAt) };
    } catch (error) {
      return { kind: 'rolled-back', appends: appends.length, error: toWireError(error) };
    }
  };
}
