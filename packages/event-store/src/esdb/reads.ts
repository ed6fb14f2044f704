/**
 * Reads of one stream and of $all, mapped to the port's events.
 *
 * The client (6.2) offers no server-side filter on reads of $all, only on subscriptions, so the
 * events EventStoreDB writes itself are skipped here by the same rule (`isSystemEventType`).
 */
import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import type { Checkpoint, RecordedEvent } from '../port.ts';
import { comparePositions, positionToCheckpoint } from './checkpoint.ts';
import { isStreamNotFound, toPortStreamError } from './client-errors.ts';
import type { EsdbConnected } from './client.ts';
import { isSystemEventType, toRecordedEvent } from './events.ts';

/** Options of {@link readStreamEvents}. */
export interface ReadStreamEventsOptions {
  /** at most this many events (default: all) */
  readonly maxCount?: number;
  /**
   * read on the leader (default false: on the node the connection string prefers), for a read
   * that must see what was just appended; a follower may not have it yet
   */
  readonly requiresLeader?: boolean;
}

/**
 * The events of `stream` from `fromRevision` on (inclusive); a stream that does not exist reads
 * empty (the client throws StreamNotFoundError for it), a deleted one throws the port's
 * StreamDeletedError.
 */
export async function readStreamEvents(
  { esdb, client }: EsdbConnected,
  stream: string,
  fromRevision: bigint,
  { maxCount, requiresLeader = false }: ReadStreamEventsOptions = {},
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    const read = client.readStream(stream, {
      direction: esdb.FORWARDS,
      fromRevision,
      requiresLeader,
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    for await (const resolved of read) events.push(toRecordedEvent(resolved));
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw toPortStreamError(error, stream);
  }
  return events;
}

/** Options of {@link readAllAfter}. */
export interface ReadAllAfterOptions {
  /** strictly after this position (undefined: from the start) */
  readonly after?: Position;
  /** at most this many events (undefined: all) */
  readonly limit?: number;
  /** how many raw events (system ones included) one request reads */
  readonly pageSize: number;
}

/** The port's events of $all strictly after `after`, without EventStoreDB's own events. */
export async function readAllAfter(connected: EsdbConnected, options: ReadAllAfterOptions): Promise<RecordedEvent[]> {
  const { esdb, client } = connected;
  const events: RecordedEvent[] = [];
  let seen = options.after;
  for (;;) {
    const page = await collect(client.readAll({ direction: esdb.FORWARDS, fromPosition: seen ?? esdb.START, maxCount: options.pageSize }));
    let fresh = 0;
    for (const resolved of page) {
      const event = resolved.event;
      // A read from a position includes the event at it: everything up to `seen` is skipped.
      if (!event || (seen && comparePositions(event.position, seen) <= 0)) continue;
      fresh += 1;
      seen = event.position;
      if (isSystemEventType(event.type)) continue;
      events.push(toRecordedEvent(resolved));
      if (options.limit !== undefined && events.length >= options.limit) return events;
    }
    if (page.length < options.pageSize || fresh === 0) return events;
  }
}

/** The checkpoint of the newest event that is not EventStoreDB's own; undefined if there is none. */
export async function readHeadCheckpoint(connected: EsdbConnected, pageSize: number): Promise<Checkpoint | undefined> {
  const { esdb, client } = connected;
  let before: Position | undefined;
  for (;;) {
    const page = await collect(client.readAll({ direction: esdb.BACKWARDS, fromPosition: before ?? esdb.END, maxCount: pageSize }));
    let fresh = 0;
    for (const resolved of page) {
      const event = resolved.event;
      if (!event || (before && comparePositions(event.position, before) >= 0)) continue;
      fresh += 1;
      before = event.position;
      if (!isSystemEventType(event.type)) return positionToCheckpoint(event.position);
    }
    if (page.length < pageSize || fresh === 0) return undefined;
  }
}

async function collect(read: AsyncIterable<AllStreamResolvedEvent>): Promise<AllStreamResolvedEvent[]> {
  const page: AllStreamResolvedEvent[] = [];
  for await (const resolved of read) page.push(resolved);
  return page;
}
