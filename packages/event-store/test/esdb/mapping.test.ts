import t from 'tap';
import { NO_STREAM as CLIENT_NO_STREAM } from '@eventstore/db-client';
import {
  NO_STREAM,
  expectedRevisionOf,
  fromRevisionAfter,
  toBigInt,
  versionOfCurrentRevision,
  versionOfRevision,
} from '../../src/esdb/mapping.ts';

t.test('our NO_STREAM is the client’s', async (t) => {
  t.equal(NO_STREAM, CLIENT_NO_STREAM);
});

t.test('an event at revision r has version r + 1', async (t) => {
  t.equal(versionOfRevision(0n), 1, 'the first event of a stream');
  t.equal(versionOfRevision(41n), 42);
  t.equal(versionOfRevision(41), 42, 'a number revision');
  t.equal(versionOfRevision('41'), 42, 'a decimal string revision (gRPC metadata)');
  t.equal(versionOfRevision(BigInt(Number.MAX_SAFE_INTEGER) - 1n), Number.MAX_SAFE_INTEGER);
  t.throws(() => versionOfRevision(BigInt(Number.MAX_SAFE_INTEGER)), RangeError, 'beyond a safe version number');
});

t.test('the expected version maps to NO_STREAM or an exact revision, never ANY', async (t) => {
  t.equal(expectedRevisionOf(0), 'no_stream');
  t.equal(expectedRevisionOf(1), 0n);
  t.equal(expectedRevisionOf(3), 2n);
  t.equal(expectedRevisionOf(Number.MAX_SAFE_INTEGER), BigInt(Number.MAX_SAFE_INTEGER) - 1n);
  for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    t.throws(() => expectedRevisionOf(bad), RangeError, `refuses ${bad}`);
  }
  for (const version of [0, 1, 2, 10, 1000]) {
    const revision = expectedRevisionOf(version);
    t.equal(revision === 'no_stream' ? 0 : versionOfRevision(revision), version, `round trip of version ${version}`);
  }
});

t.test('the current revision of a conflict is the actual version', async (t) => {
  t.equal(versionOfCurrentRevision('no_stream'), 0);
  for (const none of [-1n, -1, '-1']) t.equal(versionOfCurrentRevision(none), 0, `${typeof none} -1: the server's "none" (a conflict from gRPC trailers)`);
  t.throws(() => versionOfCurrentRevision(-2n), RangeError, 'any other negative is refused');
  t.equal(versionOfCurrentRevision(0n), 1);
  t.equal(versionOfCurrentRevision(2n), 3);
});

t.test('reading after version v starts at revision v', async (t) => {
  t.equal(fromRevisionAfter(0), 0n, 'everything');
  t.equal(fromRevisionAfter(2), 2n, 'versions 3, 4, … are revisions 2, 3, …');
  t.equal(versionOfRevision(fromRevisionAfter(2)), 3, 'the first version read is afterVersion + 1');
  t.throws(() => fromRevisionAfter(-1), RangeError);
  t.throws(() => fromRevisionAfter(1.5), RangeError);
});

t.test('revisions and positions normalise to bigint from bigint, number or decimal string', async (t) => {
  t.equal(toBigInt(7n), 7n);
  t.equal(toBigInt(7), 7n);
  t.equal(toBigInt('7'), 7n);
  t.equal(toBigInt('9223372036854775807'), 9223372036854775807n, 'int64 max, beyond 2^53');
  t.equal(toBigInt(0), 0n);
  const refused: unknown[] = [-1, -1n, 1.5, Number.NaN, 2 ** 53, '', '-1', '01', '1e3', ' 1', '0x10', '9223372036854775808'];
  for (const value of refused) {
    t.throws(() => toBigInt(value as bigint), RangeError, `refuses ${typeof value} ${String(value)}`);
  }
});
