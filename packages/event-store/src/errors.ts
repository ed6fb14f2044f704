/** Errors of the event-store port, shared by every adapter. */
import { redactConnectionString } from './redact-credentials.ts';

export class WrongExpectedVersionError extends Error {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly stream: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`stream ${stream} is at version ${actualVersion}, not ${expectedVersion}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** An event id that is already stored, but not as the same batch of the same stream. */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`event ${eventId} is already stored elsewhere than this batch of ${stream}`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * A stream deleted in the store by an operator (EventStoreDB's tombstone: the SQLite adapter
 * deletes nothing): its events cannot be read nor appended to any more, under any version.
 */
export class StreamDeletedError extends Error {
  readonly code = 'STREAM_DELETED';
  constructor(
    readonly stream: string,
    options?: { cause: unknown },
  ) {
    super(`stream ${stream} was deleted in the event store: it can be neither read nor appended to`, options);
    this.name = 'StreamDeletedError';
  }
}

/**
 * The store did not answer in time but should shortly: the SQLite file stayed locked by another
 * connection beyond the busy timeout (a backup, another process's long write), or the EventStoreDB
 * cluster does not answer (no leader, a node restarting, a deadline passed). `mayHaveWritten`
 * says whether an append may have been stored all the same (EventStoreDB, once the append was
 * sent): a retry with the same event ids is then answered as stored, not stored twice, but a
 * retry with new ones (a new request) would store it twice. A read, and an SQLite append, never
 * may.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  readonly mayHaveWritten: boolean;
  constructor(reason: string, options: { cause: unknown; mayHaveWritten: boolean }) {
    super(`the event store is unavailable for now: ${reason}`, { cause: options.cause });
    this.name = 'StoreUnavailableError';
    this.mayHaveWritten = options.mayHaveWritten;
  }
}

export class StoreClosedError extends Error {
  readonly code = 'STORE_CLOSED';
  constructor() {
    super('the event store is closed');
    this.name = 'StoreClosedError';
  }
}

/**
 * The SQLite adapter's writer thread stopped unexpectedly (an uncaught error, an exit it did not
 * announce): the appends it held, and every later one, fail with this instead of waiting forever.
 * Whether the appends it held were committed is unknown; a retry with the same event ids is safe.
 */
export class StoreWriterFailedError extends Error {
  readonly code = 'STORE_WRITER_FAILED';
  constructor(reason: string, options?: { cause: unknown }) {
    super(`the event store's writer thread failed: ${reason}`, options);
    this.name = 'StoreWriterFailedError';
  }
}

/**
 * An SQLite store asked for without a file: its writer thread opens its own connection by path,
 * and `:memory:` (or an empty path) would give that connection a database of its own.
 */
export class SqliteStoreNeedsFileError extends Error {
  readonly code = 'SQLITE_STORE_NEEDS_FILE';
  constructor(readonly path: string) {
    super(`an SQLite event store needs a file path, not ${JSON.stringify(path)}: its writer thread opens the file again`);
    this.name = 'SqliteStoreNeedsFileError';
  }
}

export class InvalidCheckpointError extends Error {
  readonly code = 'INVALID_CHECKPOINT';
  constructor(readonly checkpoint: string) {
    super(`not a checkpoint of this store: ${JSON.stringify(checkpoint)}`);
    this.name = 'InvalidCheckpointError';
  }
}

/** An append the port refuses before looking at the store: an empty batch, a bad id, a bad version. */
export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND';
  constructor(
    readonly stream: string,
    reason: string,
  ) {
    super(`cannot append to ${stream}: ${reason}`);
    this.name = 'InvalidAppendError';
  }
}

/** A `MERIDIAN_STORE` value that names no store this package can open. */
export class InvalidStoreUrlError extends Error {
  readonly code = 'INVALID_STORE_URL';
  readonly url: string;
  constructor(url: string, reason: string) {
    // The message reaches stderr and logs: a password in the URL must not.
    super(`invalid store URL ${JSON.stringify(redactConnectionString(url))}: ${reason}`);
    this.url = redactConnectionString(url);
    this.name = 'InvalidStoreUrlError';
  }
}
