/**
 * The EventStoreDB client's errors, told apart by their `type` (the client's `ErrorType` values)
 * rather than by `instanceof`, so this module does not load the client, and mapped to the port's
 * errors with the port's version numbers.
 */
import type { ErrorType, WrongExpectedVersionError as EsdbWrongExpectedVersionError } from '@eventstore/db-client';
import { StoreUnavailableError, StreamDeletedError, WrongExpectedVersionError } from '../errors.ts';
import { versionOfCurrentRevision } from './mapping.ts';

/** The client's error types, as the strings they are at run time. */
type ClientErrorType = `${ErrorType}`;

const typeOf = (error: unknown): ClientErrorType | undefined =>
  error instanceof Error && 'type' in error && typeof error.type === 'string' ? (error.type as ClientErrorType) : undefined;

/** The client's WrongExpectedVersionError (a conflict on an append). */
export const isEsdbWrongExpectedVersion = (error: unknown): error is EsdbWrongExpectedVersionError =>
  typeOf(error) === 'wrong-expected-version';

/** A read of a stream that does not exist (the client throws it from `readStream`). */
export const isStreamNotFound = (error: unknown): boolean => typeOf(error) === 'stream-not-found';

/**
 * The port's error for what a read or an append of a stream failed with: StreamDeletedError for a
 * stream the client says was deleted (tombstoned), StoreUnavailableError for a passing state of
 * the cluster (see `isTransientEsdbError`: the caller may retry; an append that may have been
 * stored says so itself, see `appendToEsdb`), any other error as it is. A conflict and a missing
 * stream are the caller's to handle before.
 *
 * @example
 * toPortStreamError(new esdb.StreamDeletedError(undefined, 'meeting-1'), 'meeting-1') //=> StreamDeletedError { stream: 'meeting-1', code: 'STREAM_DELETED' }
 * toPortStreamError(new esdb.UnavailableError(), 'meeting-1') //=> StoreUnavailableError { code: 'STORE_UNAVAILABLE', mayHaveWritten: false }
 */
export const toPortStreamError = (error: unknown, stream: string): unknown => {
  if (typeOf(error) === 'stream-deleted') return new StreamDeletedError(stream, { cause: error });
  if (isTransientEsdbError(error)) return new StoreUnavailableError(`EventStoreDB did not answer for ${stream}: ${(error as Error).message}`, { cause: error, mayHaveWritten: false });
  return error;
};

/** `createPersistentSubscriptionToAll` for a group that is there already. */
export const isPersistentGroupExists = (error: unknown): boolean => typeOf(error) === 'persistent-subscription-exists';

/** A persistent subscription to a group that is not there (deleted by an operator, say). */
export const isPersistentGroupMissing = (error: unknown): boolean => typeOf(error) === 'persistent-subscription-does-not-exist';

/**
 * Errors that retrying the same request cannot cure: the request or the credentials are wrong.
 * Everything else the client raises (unavailable, not leader, deadline exceeded, a dropped
 * subscription, a server restart, a failed discovery) is a passing state of the cluster.
 */
const FATAL: ReadonlySet<ClientErrorType> = new Set<ClientErrorType>([
  'access-denied',
  'invalid-argument',
  'stream-deleted',
  'maximum-append-size-exceeded',
  'missing-required-metadata-property',
  'unsupported',
]);

/**
 * Whether a subscription that failed with `error` should be opened again (after a pause) rather
 * than stopped: true for the cluster's passing states, false for fatal client errors and for any
 * error that is not the client's (a bug of ours, a handler's rejection).
 *
 * @example
 * isTransientEsdbError(new UnavailableError()) //=> true
 * isTransientEsdbError(new AccessDeniedError()) //=> false
 */
export function isTransientEsdbError(error: unknown): boolean {
  const type = typeOf(error);
  if (type !== undefined) return !FATAL.has(type);
  // Discovery gives up with a plain Error when no seed answers: the cluster may come back.
  return error instanceof Error && /^Failed to discover after \d+ attempts/.test(error.message);
}

/**
 * The port's conflict for the client's WrongExpectedVersionError: the port's expected version
 * (as the caller gave it) and the actual version of the stream (revision + 1; no stream = 0).
 *
 * @example
 * toPortConflict(conflictAtRevision2, 'meeting-1', 1)
 * //=> WrongExpectedVersionError { stream: 'meeting-1', expectedVersion: 1, actualVersion: 3 }
 */
export function toPortConflict(error: EsdbWrongExpectedVersionError, stream: string, expectedVersion: number): WrongExpectedVersionError {
  return new WrongExpectedVersionError(stream, expectedVersion, versionOfCurrentRevision(error.actualVersion));
}
