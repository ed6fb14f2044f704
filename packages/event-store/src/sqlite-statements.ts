import type Database from 'better-sqlite3';
import { toCheckpoint } from './sqlite-checkpoint.ts';
import type { EventMetadata, RecordedEvent } from './port.ts';

/**
 * A row of the `events` table as the read statements return it: in raw (array) mode, which spares
 * better-sqlite3 building a keyed object per row (measured: about 15% less CPU per read).
 */
type EventRow = readonly [
  position: number,
  id: string,
  stream: string,
  version: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

/** The values of one row to insert, in the order of {@link WriteStatements.insert}. */
type InsertParameters = [id: string, stream: string, version: number, type: string, data: string, metadata: string, recordedAt: string];

const COLUMNS = 'position, id, stream, version, type, data, metadata, recorded_at';

/**
 * The statements the writer thread's connection runs, prepared once: preparing is a large part of
 * a small append's cost.
 */
export function prepareWriteStatements(db: Database.Database) {
  return {
    streamVersion: db.prepare<[stream: string], number>('SELECT coalesce(max(version), 0) FROM events WHERE stream = ?').pluck(),
    insert: db.prepare<InsertParameters>(
      'INSERT INTO events (id, stream, version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    placeOfId: db.prepare<[id: string], { stream: string; version: number }>('SELECT stream, version FROM events WHERE id = ?'),
    idsFromVersion: db.prepare<[stream: string, version: number, limit: number], { id: string; position: number }>(
      'SELECT id, position FROM events WHERE stream = ? AND version >= ? ORDER BY version LIMIT ?',
    ),
  };
}

/** The statements of the writer's connection, as {@link prepareWriteStatements} makes them. */
export type WriteStatements = ReturnType<typeof prepareWriteStatements>;

/** The statements the adapter's own connection runs (it reads; the writer thread appends). */
export function prepareReadStatements(db: Database.Database) {
  return {
    headPosition: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
    // LIMIT -1 is SQLite's "no limit", so one statement serves each read with and without a limit.
    readStream: db
      .prepare<[stream: string, afterVersion: number, limit: number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND version > ? ORDER BY version LIMIT ?`)
      .raw(),
    readAll: db
      .prepare<[afterPosition: number, limit: number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw(),
  };
}

/** The statements of the adapter's connection, as {@link prepareReadStatements} makes them. */
export type ReadStatements = ReturnType<typeof prepareReadStatements>;

/** Turns a stored row into the port's event, parsing the JSON columns. */
export function toRecordedEvent([position, id, stream, version, type, data, metadata, recordedAt]: EventRow): RecordedEvent {
  return {
    id,
    type,
    data: JSON.parse(data) as unknown,
    metadata: JSON.parse(metadata) as EventMetadata,
    stream,
    version,
    position: toCheckpoint(position),
    recordedAt,
  };
}

/**
 * Reads events after a position, stopping at `maxEvents` or once `maxChars` of data have been
 * read, whichever comes first (always at least one event): a subscription's batch must stay
 * small in memory even when single events weigh megabytes.
 */
export function readBoundedBatch(
  statements: ReadStatements,
  afterPosition: number,
  maxEvents: number,
  maxChars: number,
): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let chars = 0;
  // iterate() steps row by row; leaving the loop early resets the statement, and nothing here
  // awaits, so the connection is free again when this returns.
  for (const row of statements.readAll.iterate(afterPosition, maxEvents)) {
    events.push(toRecordedEvent(row));
    chars += row[5].length + row[6].length; // data and metadata
    if (chars >= maxChars) break;
  }
  return events;
}
