/**
 * Stream versions (the port's) ↔ stream revisions (EventStoreDB's).
 *
 * The port counts events: a stream's version is its number of events, 0 meaning "no stream", and
 * an event's version is the stream's version once it is stored (1-based). EventStoreDB numbers
 * events from 0 and calls the number of the last one the stream's revision. So an event's
 * version is its revision + 1, and a stream at version n is at revision n - 1.
 *
 * The client hands revisions and positions out as bigints, but other paths (gRPC metadata, JSON,
 * older clients) give numbers or decimal strings: everything goes through {@link toBigInt}.
 */
import type * as esdb from '@eventstore/db-client';

/** The client's `NO_STREAM`, without loading the client (see `client.ts`). */
export const NO_STREAM: typeof esdb.NO_STREAM = 'no_stream';

/** A revision or position as any client path may give it. */
export type Int64Like = bigint | number | string;

const MAX_INT64 = 2n ** 63n - 1n;

/**
 * Normalises a revision or position to a bigint, refusing anything that is not a whole number in
 * 0…2⁶³-1 (EventStoreDB's range; -1 is the server's "none", never a real revision).
 *
 * @example
 * toBigInt(41) //=> 41n
 * toBigInt('18446744073709551615') //=> throws RangeError (beyond int64)
 */
export function toBigInt(value: Int64Like): bigint {
  let result: bigint;
  if (typeof value === 'bigint') result = value;
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number within 2^53: ${value}`);
    result = BigInt(value);
  } else {
    if (!/^(0|[1-9][0-9]*)$/.test(value)) throw new RangeError(`not a decimal integer: ${JSON.stringify(value)}`);
    result = BigInt(value);
  }
  if (result < 0n || result > MAX_INT64) throw new RangeError(`outside 0…2^63-1: ${result}`);
  return result;
}

/**
 * The port version of an event stored at `revision`.
 *
 * @example
 * versionOfRevision(0n) //=> 1
 */
export function versionOfRevision(revision: Int64Like): number {
  const version = toBigInt(revision) + 1n;
  if (version > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`revision ${revision} is beyond a safe version number`);
  return Number(version);
}

/**
 * The stream's version for the "current revision" EventStoreDB reports (in a conflict, say):
 * `no_stream` is version 0, and so is -1, the server's "none", which a conflict read from a gRPC
 * error's trailers carries (the client turns its `actual-version` into a bigint as it comes).
 *
 * @example
 * versionOfCurrentRevision('no_stream') //=> 0
 * versionOfCurrentRevision(-1n) //=> 0
 * versionOfCurrentRevision(2n) //=> 3
 */
export function versionOfCurrentRevision(current: typeof NO_STREAM | Int64Like): number {
  return current === NO_STREAM || String(current) === '-1' ? 0 : versionOfRevision(current);
}

/**
 * The exact expected revision of an append, never ANY: version 0 is NO_STREAM, version n is
 * revision n - 1.
 *
 * @example
 * expectedRevisionOf(0) //=> 'no_stream'
 * expectedRevisionOf(3) //=> 2n
 */
export function expectedRevisionOf(expectedVersion: number): typeof NO_STREAM | bigint {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new RangeError(`expectedVersion must be an integer ≥ 0, not ${String(expectedVersion)}`);
  }
  return expectedVersion === 0 ? NO_STREAM : BigInt(expectedVersion - 1);
}

/**
 * The revision a forward read starts at (inclusive) to get the events whose version is strictly
 * greater than `afterVersion`: version afterVersion + 1 is revision afterVersion.
 *
 * @example
 * fromRevisionAfter(2) //=> 2n (versions 3, 4, …)
 */
export function fromRevisionAfter(afterVersion: number): bigint {
  if (!Number.isSafeInteger(afterVersion) || afterVersion < 0) {
    throw new RangeError(`afterVersion must be an integer ≥ 0, not ${String(afterVersion)}`);
  }
  return BigInt(afterVersion);
}
