import t from 'tap';
import * as esdb from '@eventstore/db-client';
import { StoreUnavailableError, StreamDeletedError, WrongExpectedVersionError } from '../../src/errors.ts';
import {
  isEsdbWrongExpectedVersion,
  isPersistentGroupExists,
  isPersistentGroupMissing,
  isStreamNotFound,
  isTransientEsdbError,
  toPortConflict,
  toPortStreamError,
} from '../../src/esdb/client-errors.ts';

/** A gRPC error as the server sends it, turned into the client's error by the client itself. */
function fromServer(code: number, exception?: string, details: Record<string, string> = {}): Error {
  const map = { ...(exception === undefined ? {} : { exception }), ...details };
  const raw = Object.assign(new Error(`${code} ${exception ?? 'status'}`), { code, details: '', metadata: { getMap: () => map } });
  return esdb.convertToCommandError(raw);
}

// What the cluster answers in its passing states, and errors no retry cures.
const TRANSIENT: [string, unknown][] = [
  ['UNAVAILABLE (a node restarts)', fromServer(14)],
  ['DEADLINE_EXCEEDED', fromServer(4)],
  ['ABORTED (timeout)', fromServer(10)],
  ['not leader', fromServer(5, 'not-leader', { 'leader-endpoint-host': 'esdb-node2', 'leader-endpoint-port': '2113' })],
  ['a dropped persistent subscription', fromServer(1, 'persistent-subscription-dropped', { 'stream-name': '$all', 'group-name': 'notify' })],
  ['the maximum of subscribers', fromServer(9, 'maximum-subscribers-reached', { 'stream-name': '$all', 'group-name': 'notify' })],
  ['an unknown server error', fromServer(2)],
  ['a failed gossip discovery', new Error('Failed to discover after 10 attempts.')],
];
const FATAL: [string, unknown][] = [
  ['access denied', fromServer(7, 'access-denied')],
  ['unauthenticated', fromServer(16)],
  ['a deleted stream', new esdb.StreamDeletedError(undefined, '$all')],
  ['an invalid argument', new esdb.InvalidArgumentError('bad filter')],
  ['a bug of ours', new TypeError('x is undefined')],
  ['not an error at all', 'oops'],
];

t.test('a conflict maps to the port’s error with our version numbers', async (t) => {
  const onExisting = new esdb.WrongExpectedVersionError(undefined, { streamName: 'meeting-1', expected: 0n, current: 2n });
  t.ok(isEsdbWrongExpectedVersion(onExisting));
  const conflict = toPortConflict(onExisting, 'meeting-1', 1);
  t.type(conflict, WrongExpectedVersionError);
  t.match(conflict, { stream: 'meeting-1', expectedVersion: 1, actualVersion: 3, code: 'WRONG_EXPECTED_VERSION' });

  const onMissing = new esdb.WrongExpectedVersionError(undefined, { streamName: 'meeting-2', expected: 4n, current: 'no_stream' });
  t.match(toPortConflict(onMissing, 'meeting-2', 5), { expectedVersion: 5, actualVersion: 0 }, 'no stream is version 0');

  const fromMetadata = fromServer(9, 'wrong-expected-version', { 'stream-name': 'meeting-3', 'expected-version': '0', 'actual-version': '6' });
  t.ok(isEsdbWrongExpectedVersion(fromMetadata), 'as decoded from the server’s trailers');
  t.match(toPortConflict(fromMetadata as esdb.WrongExpectedVersionError, 'meeting-3', 1), { actualVersion: 7 });
});

t.test('a deleted stream maps to the port’s StreamDeletedError, a cluster that does not answer to StoreUnavailableError; other errors stay as they are', async (t) => {
  const tombstoned = toPortStreamError(new esdb.StreamDeletedError(undefined, 'meeting-1'), 'meeting-1');
  t.type(tombstoned, StreamDeletedError);
  t.match(tombstoned, { stream: 'meeting-1', code: 'STREAM_DELETED', message: /meeting-1 was deleted/ });
  t.ok(toPortStreamError(fromServer(5, 'stream-deleted', { 'stream-name': 'meeting-2' }), 'meeting-2') instanceof StreamDeletedError, 'as decoded from the server’s trailers');
  for (const [what, error] of TRANSIENT) {
    const mapped = toPortStreamError(error, 'meeting-1');
    t.type(mapped, StoreUnavailableError, what);
    t.match(mapped, { code: 'STORE_UNAVAILABLE', mayHaveWritten: false, message: /meeting-1/, cause: error }, `${what}: the client's error kept as its cause; a read stores nothing`);
  }
  for (const [what, error] of FATAL.filter(([, error]) => !(error instanceof esdb.StreamDeletedError))) {
    t.equal(toPortStreamError(error, 'meeting-1'), error, `${what}: as it is`);
  }
});

t.test('the client’s errors are told apart by type, not by class identity', async (t) => {
  t.ok(isStreamNotFound(new esdb.StreamNotFoundError(undefined, 'meeting-9')));
  t.notOk(isStreamNotFound(new esdb.StreamDeletedError(undefined, 'meeting-9')));
  t.ok(isPersistentGroupExists(fromServer(6, 'persistent-subscription-exists', { 'stream-name': '$all', 'group-name': 'notify' })));
  t.ok(isPersistentGroupMissing(fromServer(5, 'persistent-subscription-does-not-exist', { 'stream-name': '$all', 'group-name': 'notify' })));
  t.notOk(isEsdbWrongExpectedVersion(new Error('wrong-expected-version')));
  t.notOk(isEsdbWrongExpectedVersion(undefined));
});

t.test('passing states of the cluster are retried, wrong requests are not', async (t) => {
  for (const [what, error] of TRANSIENT) t.ok(isTransientEsdbError(error), `retried: ${what}`);
  for (const [what, error] of FATAL) t.notOk(isTransientEsdbError(error), `not retried: ${what}`);
});
