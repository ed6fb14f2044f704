/**
 * The append of the EventStoreDB adapter, with the port's rules on top of the server's.
 *
 * EventStoreDB checks the expected revision atomically and recognises a retried batch only when
 * it comes with the same expected revision as the first time. The port asks more: a batch that
 * is stored answers its original result whatever version the retry names, and an id that is
 * stored otherwise than as this batch is a DuplicateEventIdError, not a second copy. So:
 *
 * 1. read the stream, and settle there what the stored events decide (a retry, a duplicate id,
 *    a version that is not the expected one);
 * 2. append with the exact expected revision (NO_STREAM or n - 1, never ANY): if the stream
 *    moved since step 1, the server refuses, and step 1 is done again on what is now stored;
 * 3. read the appended events back for their $all positions, since the position the server
 *    answers an append with is not the one a read gives each event of a batch.
 *
 * The read of step 1 covers the whole stream: streams are one aggregate each, and the writer has
 * just read the same events to decide. An id reused in another stream is not detected: the
 * server keeps no index of event ids across streams.
 *
 * Every read here is made on the leader, whatever `nodePreference` says: appends go to the
 * leader, and a follower may not yet hold what was appended (step 3) or what another writer
 * appended (steps 1 and 2), which would turn a stored batch into a "missing" one.
 */
import { DuplicateEventIdError, StoreUnavailableError, WrongExpectedVersionError } from '../errors.ts';
import type { AppendResult, NewEvent, RecordedEvent } from '../port.ts';
import { isEsdbWrongExpectedVersion, toPortConflict, toPortStreamError } from './client-errors.ts';
import type { EsdbConnected } from './client.ts';
import { toEventData } from './events.ts';
import { expectedRevisionOf } from './mapping.ts';
import { readStreamEvents } from './reads.ts';

const ON_LEADER = { requiresLeader: true } as const;

/**
 * Appends a batch the port has validated; see the module comment for the steps.
 *
 * @example
 * await appendToEsdb(connected, 'meeting-1', [meetingCreated], 0) //=> { version: 1, position: '1234/1234' }
 */
export async function appendToEsdb(
  connected: EsdbConnected,
  stream: string,
  events: readonly NewEvent[],
  expectedVersion: number,
): Promise<AppendResult> {
  const data = events.map((event) => toEventData(stream, event));
  // 1. what is stored already decides retries, duplicates and stale versions
  const settled = settleAgainstStored(stream, await readStreamEvents(connected, stream, 0n, ON_LEADER), events, expectedVersion);
  if (settled) return settled;
  // From here on the batch may be stored, whatever fails after the request was sent.
  try {
    return await appendAndReadBack(connected, stream, data, events, expectedVersion);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError) || error.mayHaveWritten) throw error;
    throw new StoreUnavailableError(error.message, { cause: error.cause, mayHaveWritten: true });
  }
}

/** Steps 2 and 3 of {@link appendToEsdb}. */
async function appendAndReadBack(
  connected: EsdbConnected,
  stream: string,
  data: ReturnType<typeof toEventData>[],
  events: readonly NewEvent[],
  expectedVersion: number,
): Promise<AppendResult> {
  // 2. the append, checked by the server against the exact revision
  let conflict: unknown;
  try {
    await connected.client.appendToStream(stream, data, { expectedRevision: expectedRevisionOf(expectedVersion) });
  } catch (error) {
    // Deleted between the read above and here: as the read would have said.
    if (!isEsdbWrongExpectedVersion(error)) throw toPortStreamError(error, stream);
    conflict = error;
  }
  if (isEsdbWrongExpectedVersion(conflict)) {
    // Another writer got there between 1 and 2 (or a retry of this very batch did): settled on
    // what is stored now, which names the actual version of the stream.
    const retried = settleAgainstStored(stream, await readStreamEvents(connected, stream, 0n, ON_LEADER), events, expectedVersion);
    if (retried) return retried;
    throw toPortConflict(conflict, stream, expectedVersion);
  }
  // 3. the positions of what was appended, read where the server put them
  const appended = await readStreamEvents(connected, stream, BigInt(expectedVersion), { ...ON_LEADER, maxCount: events.length });
  const result = findStoredBatch(stream, appended, events);
  // The leader that took it is not the one read from (an election in between): stored, not known where yet.
  if (!result) {
    const reason = `EventStoreDB acknowledged the append to ${stream} but does not read it back at version ${expectedVersion + 1}`;
    throw new StoreUnavailableError(reason, { cause: null, mayHaveWritten: true });
  }
  return result;
}

/**
 * What the stored events of the stream decide before anything is appended: the original result
 * of a retried batch, a DuplicateEventIdError, a WrongExpectedVersionError with the actual
 * version; or undefined when the batch is to be appended.
 *
 * @example
 * settleAgainstStored('meeting-1', [], [event], 0) //=> undefined (append it)
 * settleAgainstStored('meeting-1', storedAB, [a, b], 7) //=> { version: 2, position: '…' } (a retry)
 */
export function settleAgainstStored(
  stream: string,
  stored: readonly RecordedEvent[],
  events: readonly NewEvent[],
  expectedVersion: number,
): AppendResult | undefined {
  const original = findStoredBatch(stream, stored, events);
  if (original) return original;
  const actualVersion = stored.at(-1)?.version ?? 0;
  if (actualVersion !== expectedVersion) throw new WrongExpectedVersionError(stream, expectedVersion, actualVersion);
  return undefined;
}

/**
 * The result the batch got when it was appended, if the stream holds exactly this batch (its ids
 * in this order, at consecutive versions); undefined if none of its ids is stored; a
 * DuplicateEventIdError for any other overlap (a stored id in a new batch, a reordered batch).
 *
 * @example
 * findStoredBatch('meeting-1', [a@1, b@2, c@3], [a, b]) //=> { version: 2, position: b.position }
 * findStoredBatch('meeting-1', [a@1, b@2], [b, a]) //=> throws DuplicateEventIdError
 */
export function findStoredBatch(stream: string, stored: readonly RecordedEvent[], events: readonly NewEvent[]): AppendResult | undefined {
  const first = events[0];
  const start = first ? stored.findIndex((event) => event.id === first.id) : -1;
  if (start >= 0) {
    const run = stored.slice(start, start + events.length);
    const last = run.at(-1);
    if (last && run.length === events.length && run.every((event, index) => event.id === events[index]?.id)) {
      return { version: last.version, position: last.position };
    }
  }
  const ids = new Set(stored.map((event) => event.id));
  const duplicate = events.find((event) => ids.has(event.id));
  if (duplicate) throw new DuplicateEventIdError(stream, duplicate.id);
  return undefined;
}
