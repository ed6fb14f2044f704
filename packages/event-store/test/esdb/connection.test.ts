import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { InvalidStoreUrlError } from '../../src/errors.ts';
import { parseEsdbConnectionString } from '../../src/esdb/connection.ts';
import { redactConnectionString } from '../../src/redact-credentials.ts';

// The client's own parser (not exported from its index): our reading must agree with it.
const require = createRequire(import.meta.url);
const { parseConnectionString } = require('@eventstore/db-client/dist/Client/parseConnectionString.js') as {
  parseConnectionString: (connectionString: string) => {
    dnsDiscover: boolean;
    hosts: { address: string; port: number }[];
    tls?: boolean;
    tlsCAFile?: string;
    defaultCredentials?: { username: string; password: string };
  };
};

const dir = await mkdtemp(join(tmpdir(), 'meridian-esdb-connection-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));
const caFile = join(dir, 'ca.crt');
await writeFile(caFile, '-----BEGIN CERTIFICATE-----\n(test CA, never parsed here)\n-----END CERTIFICATE-----\n');

t.test('gossip seeds of a 3-node cluster with TLS and a CA file', async (t) => {
  const url = `esdb://a:2113,b:2113,c:2113?tls=true&tlsCAFile=${caFile}`;
  const connection = parseEsdbConnectionString(url);
  t.same(connection.hosts, [
    { address: 'a', port: 2113 },
    { address: 'b', port: 2113 },
    { address: 'c', port: 2113 },
  ]);
  t.equal(connection.discover, false);
  t.equal(connection.tls, true);
  t.equal(connection.tlsCAFile, caFile);
  const client = parseConnectionString(url);
  t.same(
    { discover: client.dnsDiscover, hosts: client.hosts, tls: client.tls, tlsCAFile: client.tlsCAFile },
    { discover: connection.discover, hosts: connection.hosts, tls: connection.tls, tlsCAFile: connection.tlsCAFile },
    'the client reads the same',
  );
});

t.test('esdb+discover:// names one DNS name, TLS on by default', async (t) => {
  const connection = parseEsdbConnectionString('esdb+discover://admin:changeit@cluster.meridian.internal:2113');
  t.match(connection, { discover: true, hosts: [{ address: 'cluster.meridian.internal', port: 2113 }], tls: true, username: 'admin' });
  t.equal(connection.redacted, 'esdb+discover://admin:***@cluster.meridian.internal:2113', 'the password never reaches a log');
  const client = parseConnectionString('esdb+discover://admin:changeit@cluster.meridian.internal:2113');
  t.equal(client.dnsDiscover, true);
  t.same(client.hosts, connection.hosts);
  t.equal(client.tls, undefined, 'the client leaves tls unset, which it takes as TLS on');
  await t.rejects(async () => parseEsdbConnectionString('esdb+discover://a:2113,b:2113'), InvalidStoreUrlError, 'discovery from one name only');
});

t.test('our reading agrees with the client on every accepted string', async (t) => {
  const accepted = [
    'esdb://localhost:2113?tls=false',
    'esdb://localhost?tls=false',
    'esdb://localhost:2113/?tls=false',
    'esdb://127.0.0.1:2113?tls=false&nodePreference=leader',
    'esdb://esdb-node1:2113,esdb-node2:2113,esdb-node3:2113?tls=false&keepAliveTimeout=10000&keepAliveInterval=10000',
    'esdb://admin:changeit@a:1113,b:2113?tls=true&maxDiscoverAttempts=10&discoveryInterval=100&gossipTimeout=5',
    'esdb+discover://cluster.example.org?tls=true&defaultDeadline=20000',
    `esdb://a,b,c?TLS_CA_FILE=${caFile}`,
    'esdb://node.example.org:2113?connectionName=schedule-1&node_preference=follower',
  ];
  for (const url of accepted) {
    const ours = parseEsdbConnectionString(url);
    const theirs = parseConnectionString(url);
    t.same(
      { discover: ours.discover, hosts: ours.hosts, tls: ours.tls, tlsCAFile: ours.tlsCAFile },
      { discover: theirs.dnsDiscover, hosts: theirs.hosts, tls: theirs.tls !== false, tlsCAFile: theirs.tlsCAFile },
      url,
    );
  }
});

t.test('what the client would misread or ignore is refused, naming the reason', async (t) => {
  const refused: [string, RegExp][] = [
    ['http://localhost:2113', /expected esdb:\/\//],
    ['esdb://', /not host or host:port/],
    ['esdb://a:2113,,b:2113', /not host or host:port/],
    ['esdb://a:99999', /out of range/],
    ['esdb://[::1]:2113', /not host or host:port|expected esdb/],
    ['esdb://localhost:2113?tls=yes', /tls must be true or false/],
    ['esdb://localhost:2113?tlsVerifyCert=false', /tlsVerifyCert=false has no effect/],
    ['esdb://localhost:2113?tls=false&tlsCAFile=/etc/ca.crt', /ignored on an insecure connection/],
    ['esdb://localhost:2113?tlsCAFile=/nonexistent/ca.crt', /does not exist/],
    ['esdb://localhost:2113?tlsCaFil=/x', /unknown option "tlsCaFil"/],
    ['esdb://localhost:2113?tls=false&tls=true', /given twice/],
    ['esdb://localhost:2113?maxDiscoverAttempts=ten', /whole number/],
    ['esdb://localhost:2113?nodePreference=nearest', /nodePreference must be/],
    ['esdb://localhost:2113?throwOnAppendFailure=false', /relies on failed appends throwing/],
    ['esdb://localhost:2113?userCertFile=/x.crt', /go together/],
    ['esdb://localhost:2113?tls=', /has no value/],
  ];
  for (const [url, reason] of refused) {
    try {
      parseEsdbConnectionString(url);
      t.fail(`accepted ${url}`);
    } catch (error) {
      t.type(error, InvalidStoreUrlError, url);
      t.match((error as Error).message, reason, `${url}: ${(error as Error).message}`);
    }
  }
});

t.test('a relative tlsCAFile is taken from the working directory, as the client does', async (t) => {
  const connection = parseEsdbConnectionString('esdb://a:2113?tlsCAFile=ca.crt', { cwd: dir });
  t.equal(connection.tlsCAFile, caFile);
  t.throws(() => parseEsdbConnectionString('esdb://a:2113?tlsCAFile=ca.crt', { cwd: tmpdir() }), InvalidStoreUrlError);
  const elsewhere = parseEsdbConnectionString('esdb://a:2113?tlsCAFile=/certs/ca/ca.crt', { checkFiles: false });
  t.equal(elsewhere.tlsCAFile, '/certs/ca/ca.crt', 'checkFiles: false reads a string meant for a container');
});

t.test('passwords are redacted, also in the errors', async (t) => {
  t.equal(redactConnectionString('esdb://admin:s3cr%40t@a:2113,b:2113?tls=true'), 'esdb://admin:***@a:2113,b:2113?tls=true');
  t.equal(redactConnectionString('esdb://a:2113?tls=false'), 'esdb://a:2113?tls=false', 'nothing to hide');
  const error = t.throws(() => parseEsdbConnectionString('esdb://admin:hunter2@a:2113?tls=maybe')) as Error;
  t.notMatch(error.message, /hunter2/);
  t.match(error.message, /admin:\*\*\*@/);
});

t.test('a password holding an unencoded : / ? or @ is refused, and no fragment of it is printed', async (t) => {
  const client = parseConnectionString('esdb://admin:hun:ter2@a:2113');
  t.equal(client.defaultCredentials?.password, 'hun', 'the client would silently sign in with part of it');
  for (const password of ['hun/ter2', 'hun?ter2', 'hun@ter2', 'hun:ter2']) {
    const url = `esdb://admin:${password}@a:2113?tls=false`;
    t.equal(redactConnectionString(url), 'esdb://admin:***@a:2113?tls=false', `${password}: redacted`);
    const error = t.throws(() => parseEsdbConnectionString(url), InvalidStoreUrlError, password) as InvalidStoreUrlError;
    t.match(error.message, /percent-encode/, `${password}: the reason says what to do`);
    t.notMatch(`${error.message} ${error.url}`, /hun|ter2/, `${password}: ${error.message}`);
  }
  const encoded = parseEsdbConnectionString('esdb://admin:hun%2Fter%3F%40%3A2@a:2113?tls=false');
  t.equal(encoded.username, 'admin', 'percent-encoded, the same password is accepted');
  t.equal(encoded.redacted, 'esdb://admin:***@a:2113?tls=false');
});

t.test('malformed percent-encoding is an InvalidStoreUrlError, not a URIError', async (t) => {
  const cases: [string, RegExp][] = [
    ['esdb://admin:hun%ter2@a:2113', /the password is not valid percent-encoding/],
    ['esdb://ad%min:hunter2@a:2113', /the user name is not valid percent-encoding/],
    ['esdb://a:2113?connectionName=schedule%zz', /option connectionName is not valid percent-encoding/],
  ];
  for (const [url, reason] of cases) {
    const error = t.throws(() => parseEsdbConnectionString(url), InvalidStoreUrlError, url) as Error;
    t.match(error.message, reason);
    t.notMatch(error.message, /hunter2|hun%ter2/, 'the password is not printed');
  }
  t.throws(() => parseEsdbConnectionString('esdb://admin@a:2113'), { message: /user:password@/ }, 'a user without a password');
});
