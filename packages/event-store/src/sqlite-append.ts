import type Database from 'better-sqlite3';
import { DuplicateEventIdError, WrongExpectedVersionError } from './errors.ts';
import { eventJson } from './append-validation.ts';
import { toCheckpoint } from './sqlite-checkpoint.ts';
import type { WriteStatements } from './sqlite-statements.ts';
import type { AppendResult, NewEvent } from './port.ts';

/** An event of a {@link PreparedAppend}: its data and metadata already the JSON stored. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * A validated append with its JSON already serialised, waiting for the transaction of its group.
 * Strings only: it crosses to the writer thread (see `sqlite-group-commit.ts`) as it is.
 */
export interface PreparedAppend {
  readonly stream: string;
  readonly expectedVersion: number;
  readonly events: readonly PreparedEvent[];
}

/**
 * Writes a prepared append; see {@link createSqliteAppend}. `stored` is false for a retry answered
 * with the result of the append that stored its events before.
 */
export type SqliteAppend = (append: PreparedAppend, recordedAt: string) => { readonly result: AppendResult; readonly stored: boolean };

/**
 * Serialises an append's events, throwing an InvalidAppendError for what is not JSON. Done when
 * the append is requested, in the caller's thread: a bad payload fails alone and at once, and
 * the writer thread is handed strings, cheap to pass between threads.
 *
 * @example
 * prepareAppend('meeting-1', [sessionRescheduled], 6)
 * //=> { stream: 'meeting-1', expectedVersion: 6, events: [{ id, type: 'SessionRescheduled', data: '{"sessionId":…}', metadata: '{…}' }] }
 */
export function prepareAppend(stream: string, events: readonly NewEvent[], expectedVersion: number): PreparedAppend {
  return {
    stream,
    expectedVersion,
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      data: eventJson(stream, event, 'data'),
      metadata: eventJson(stream, event, 'metadata'),
    })),
  };
}

/**
 * Builds the append of the SQLite adapter, written as a savepoint of a group's IMMEDIATE
 * transaction (see `sqlite-batch-commit.ts`): the write lock is taken before any stream's version
 * is read, so no other connection (in this process or another) can append between the check and
 * the insert. The happy path costs one indexed read and the inserts; the ids are looked at only
 * when something is off (a version mismatch or a UNIQUE violation on `id`).
 *
 * A refused append (a version conflict, a stored id, a failing insert) rolls back alone and
 * throws; the others of the transaction keep their rows.
 */
export function createSqliteAppend(db: Database.Database, statements: WriteStatements): SqliteAppend {
  // Called inside the group's transaction, better-sqlite3 makes this a SAVEPOINT … RELEASE, and a
  // throw a ROLLBACK TO that savepoint.
  return db.transaction(({ stream, events, expectedVersion }: PreparedAppend, recordedAt: string) => {
    // 1. the version check (the write lock is already ours)
    const actualVersion = statements.streamVersion.get(stream) ?? 0;
    if (actualVersion !== expectedVersion) {
      const original = findOriginalAppend(statements, stream, events);
      if (original) return { result: original, stored: false };
      throw new WrongExpectedVersionError(stream, expectedVersion, actualVersion);
    }
    // 2. the inserts; a stored id surfaces as a UNIQUE violation, which undoes only its statement
    let position = 0;
    for (const [index, event] of events.entries()) {
      try {
        position = Number(
          statements.insert.run(event.id, stream, expectedVersion + index + 1, event.type, event.data, event.metadata, recordedAt).lastInsertRowid,
        );
      } catch (error) {
        if (!isDuplicateId(error)) throw error;
        // Only a batch whose first id is stored can be a retry; later ids follow ours.
        const original = index === 0 ? findOriginalAppend(statements, stream, events) : undefined;
        if (original) return { result: original, stored: false };
        throw new DuplicateEventIdError(stream, event.id);
      }
    }
    return { result: { version: expectedVersion + events.length, position: toCheckpoint(position) }, stored: true };
  });
}

/**
 * The result the batch got when it was first appended, if its ids are stored as exactly that
 * batch (same stream, contiguous versions, same order); undefined if none of its ids is stored.
 * Any other overlap is a DuplicateEventIdError.
 */
function findOriginalAppend(statements: WriteStatements, stream: string, events: readonly { readonly id: string }[]): AppendResult | undefined {
  const first = events[0];
  const place = first && statements.placeOfId.get(first.id);
  if (first && place && place.stream === stream) {
    const stored = statements.idsFromVersion.all(stream, place.version, events.length);
    const last = stored.at(-1);
    if (last && stored.length === events.length && stored.every((row, index) => row.id === events[index]?.id)) {
      return { version: place.version + events.length - 1, position: toCheckpoint(last.position) };
    }
  }
  const storedElsewhere = events.find((event) => statements.placeOfId.get(event.id) !== undefined);
  if (storedElsewhere) throw new DuplicateEventIdError(stream, storedElsewhere.id);
  return undefined;
}

function isDuplicateId(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('events.id');
}
