/**
 * The messages between the SQLite adapter and its writer thread (see `sqlite-writer-thread.ts`).
 * Only what structured cloning keeps crosses: the port's errors, which it would turn into plain
 * Errors, travel as their fields and are built again on the other side.
 */
import Database from 'better-sqlite3';
import { DuplicateEventIdError, StoreUnavailableError, WrongExpectedVersionError } from './errors.ts';
import type { AppendResult } from './port.ts';
import type { PreparedAppend } from './sqlite-append.ts';

/** What the writer thread is started with (its `workerData`). */
export interface WriterThreadOptions {
  readonly path: string;
  readonly busyTimeoutMs: number;
}

/** To the writer thread: appends to commit, or stop. */
export type WriterRequest =
  | AppendRequest
  /** the last request: answer everything sent before, close the connection and end the thread */
  | { readonly kind: 'close' };

/** Appends to commit, in this order, after those sent before; `recordedAt` is the instant they were sent. */
export interface AppendRequest {
  readonly kind: 'append';
  readonly recordedAt: string;
  readonly appends: readonly PreparedAppend[];
}

/** From the writer thread, in the order of the appends it was sent. */
export type WriterReply =
  /** one COMMIT has returned: the outcome of each of the next `outcomes.length` appends, its events recorded at `recordedAt` */
  | { readonly kind: 'committed'; readonly recordedAt: string; readonly outcomes: readonly WireOutcome[] }
  /** one transaction failed as a whole: the next `appends` appends all fail with `error`, none stored */
  | { readonly kind: 'rolled-back'; readonly appends: number; readonly error: WireError };

/**
 * An append's outcome. `stored` tells an append written by this commit from a retry answered with
 * the result of the append that stored its events before (see `createSqliteAppend`).
 */
export type WireOutcome = { readonly result: AppendResult; readonly stored: boolean } | { readonly error: WireError };

export type WireError =
  | { readonly kind: 'wrong-expected-version'; readonly stream: string; readonly expectedVersion: number; readonly actualVersion: number }
  | { readonly kind: 'duplicate-event-id'; readonly stream: string; readonly eventId: string }
  | { readonly kind: 'sqlite'; readonly message: string; readonly code: string }
  /** anything else, as structured cloning keeps it (an Error keeps its message and stack) */
  | { readonly kind: 'other'; readonly error: unknown };

/** An error thrown in the writer thread, as it crosses to the adapter. */
export function toWireError(error: unknown): WireError {
  if (error instanceof WrongExpectedVersionError) {
    const { stream, expectedVersion, actualVersion } = error;
    return { kind: 'wrong-expected-version', stream, expectedVersion, actualVersion };
  }
  if (error instanceof DuplicateEventIdError) return { kind: 'duplicate-event-id', stream: error.stream, eventId: error.eventId };
  if (error instanceof Database.SqliteError) return { kind: 'sqlite', message: error.message, code: error.code };
  return { kind: 'other', error };
}

/**
 * The error the writer thread threw, of the same class and fields as it was there.
 *
 * @example
 * fromWireError({ kind: 'wrong-expected-version', stream: 'meeting-1', expectedVersion: 3, actualVersion: 4 })
 * //=> WrongExpectedVersionError('meeting-1', 3, 4)
 * fromWireError({ kind: 'sqlite', message: 'database is locked', code: 'SQLITE_BUSY' }) //=> StoreUnavailableError
 */
export function fromWireError(wire: WireError): unknown {
  switch (wire.kind) {
    case 'wrong-expected-version':
      return new WrongExpectedVersionError(wire.stream, wire.expectedVersion, wire.actualVersion);
    case 'duplicate-event-id':
      return new DuplicateEventIdError(wire.stream, wire.eventId);
    case 'sqlite': {
      const error = new Database.SqliteError(wire.message, wire.code);
      // SQLITE_BUSY and its extended codes: another connection held the lock beyond the busy timeout
      // (the transaction rolled back: nothing of it was stored).
      return wire.code.startsWith('SQLITE_BUSY') ? new StoreUnavailableError(`its file is locked by another connection (${wire.code})`, { cause: error, mayHaveWritten: false }) : error;
    }
    case 'other':
      return wire.error;
  }
}
