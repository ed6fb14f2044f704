import type Database from 'better-sqlite3';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedVersionError } from './errors.ts';
import { toCheckpoint } from './sqlite-checkpoint.ts';
import type { EventStatements, InsertParameters } from './sqlite-statements.ts';
import type { AppendResult, NewEvent } from './port.ts';

/** Appends one validated batch; see {@link createSqliteAppend}. */
export type SqliteAppend = (stream: string, events: readonly NewEvent[], expectedVersion: number, recordedAt: string) => AppendResult;

/**
 * Builds the append transaction of the SQLite adapter.
 *
 * It runs as BEGIN IMMEDIATE: the write lock is taken before the stream's version is read, so
 * no other connection (in this process or another) can append between the check and the
 * insert. The happy path costs one indexed read and the inserts; the ids are looked at only
 * when something is off (a version mismatch or a UNIQUE violation on `id`).
 */
export function createSqliteAppend(db: Database.Database, statements: EventStatements): SqliteAppend {
  const transaction = db.transaction((stream: string, events: readonly NewEvent[], rows: InsertParameters[], expectedVersion: number) => {
    // 1. the version check (the write lock is already ours)
    const actualVersion = statements.streamVersion.get(stream) ?? 0;
    if (actualVersion !== expectedVersion) {
      const original = findOriginalAppend(statements, stream, events);
      if (original) return original;
      throw new WrongExpectedVersionError(stream, expectedVersion, actualVersion);
    }
    // 2. the inserts; a stored id surfaces as a UNIQUE violation, which undoes only its statement
    let position = 0;
    for (const [index, row] of rows.entries()) {
      try {
        position = Number(statements.insert.run(...row).lastInsertRowid);
      } catch (error) {
        if (!isDuplicateId(error)) throw error;
        // Only a batch whose first id is stored can be a retry; later ids follow ours.
        const original = index === 0 ? findOriginalAppend(statements, stream, events) : undefined;
        if (original) return original;
        throw new DuplicateEventIdError(stream, row[0]);
      }
    }
    return { version: expectedVersion + events.length, position: toCheckpoint(position) };
  });
  return (stream, events, expectedVersion, recordedAt) => {
    // Serialised before the write lock is taken: a large payload must not hold other writers up.
    const rows = events.map((event, index) => toInsertParameters(stream, event, expectedVersion + index + 1, recordedAt));
    return transaction.immediate(stream, events, rows, expectedVersion);
  };
}

/**
 * The result the batch got when it was first appended, if its ids are stored as exactly that
 * batch (same stream, contiguous versions, same order); undefined if none of its ids is stored.
 * Any other overlap is a DuplicateEventIdError.
 */
function findOriginalAppend(statements: EventStatements, stream: string, events: readonly NewEvent[]): AppendResult | undefined {
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

function toInsertParameters(stream: string, event: NewEvent, version: number, recordedAt: string): InsertParameters {
  return [event.id, stream, version, event.type, toJson(stream, event, 'data'), toJson(stream, event, 'metadata'), recordedAt];
}

function toJson(stream: string, event: NewEvent, field: 'data' | 'metadata'): string {
  let json: string | undefined;
  try {
    // undefined (not a string) for undefined, functions and symbols; a throw for bigint and cycles
    json = JSON.stringify(event[field]) as string | undefined;
  } catch {
    json = undefined;
  }
  if (json === undefined) throw new InvalidAppendError(stream, `the ${field} of event ${event.id} is not JSON`);
  return json;
}

function isDuplicateId(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('events.id');
}
