import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { InvalidStoreUrlError } from '../src/errors.ts';
import { findRepoRoot, parseStoreUrl } from '../src/store-url.ts';

const outside = await mkdtemp(join(tmpdir(), 'meridian-store-url-'));
t.teardown(() => rm(outside, { recursive: true, force: true }));
const repo = join(outside, 'repo');
const service = join(repo, 'services', 'schedule');
await mkdir(service, { recursive: true });
await writeFile(join(repo, 'pnpm-workspace.yaml'), 'packages: []\n');

t.test('findRepoRoot walks up to the directory holding pnpm-workspace.yaml', async (t) => {
  t.equal(findRepoRoot(service), repo);
  t.equal(findRepoRoot(repo), repo);
  t.equal(findRepoRoot(outside), undefined);
});

t.test('no value means data/meridian.db at the repository root, from any package', async (t) => {
  t.same(parseStoreUrl(undefined, { cwd: service }), { kind: 'sqlite', path: join(repo, 'data', 'meridian.db') });
  t.same(parseStoreUrl('', { cwd: repo }), { kind: 'sqlite', path: join(repo, 'data', 'meridian.db') });
  t.same(parseStoreUrl(undefined, { cwd: outside }), { kind: 'sqlite', path: join(outside, 'data', 'meridian.db') }, 'or at cwd outside a repository');
});

t.test('sqlite: paths are absolute, or relative to the repository root', async (t) => {
  t.same(parseStoreUrl('sqlite:./data/meridian.db', { cwd: service }), { kind: 'sqlite', path: join(repo, 'data', 'meridian.db') });
  t.same(parseStoreUrl('sqlite:events.db', { cwd: outside }), { kind: 'sqlite', path: join(outside, 'events.db') });
  t.same(parseStoreUrl('sqlite:/var/lib/meridian/events.db'), { kind: 'sqlite', path: '/var/lib/meridian/events.db' });
  t.same(parseStoreUrl('sqlite:///var/lib/meridian/events.db'), { kind: 'sqlite', path: '/var/lib/meridian/events.db' });
  t.same(parseStoreUrl('sqlite:///srv/my%20data/events.db'), { kind: 'sqlite', path: '/srv/my data/events.db' }, 'the URL form is %-decoded');
  t.same(parseStoreUrl('sqlite:/srv/my%20data/events.db'), { kind: 'sqlite', path: '/srv/my%20data/events.db' }, 'a plain path is taken as written');
  t.throws(() => parseStoreUrl('sqlite:///srv/%E0%A4%A/events.db'), { name: 'InvalidStoreUrlError' }, 'a broken %-encoding is a configuration error');
});

t.test('esdb:// and esdb+discover:// are EventStoreDB connection strings, kept as given', async (t) => {
  for (const url of ['esdb://localhost:2113?tls=false', 'esdb://node1:2113,node2:2113,node3:2113?tls=true', 'esdb+discover://admin:changeit@cluster.example:2113?keepAliveTimeout=10000']) {
    t.same(parseStoreUrl(url), { kind: 'esdb', connectionString: url });
  }
});

t.test('anything else is an InvalidStoreUrlError that says what is expected', async (t) => {
  for (const url of ['sqlite::memory:', 'sqlite:', 'sqlite://host/file.db', 'postgres://localhost/meridian', './data/meridian.db', 'esdb://']) {
    t.throws(() => parseStoreUrl(url), InvalidStoreUrlError, url);
  }
  t.throws(() => parseStoreUrl('mysql://x'), { message: /expected sqlite:<path>, esdb:\/\/… or esdb\+discover:\/\/…/ });
});

t.test('a refused URL is named without its password: the message reaches stderr and logs', async (t) => {
  const error = t.throws(() => parseStoreUrl('postgres://meridian:hunter2@db.internal/meridian')) as InvalidStoreUrlError;
  t.notMatch(`${error.message} ${error.url}`, /hunter2/);
  t.match(error.message, /postgres:\/\/meridian:\*\*\*@db\.internal/);
});

t.test('a bad esdb:// string is refused here, as a configuration error naming the reason', async (t) => {
  const cases: [string, RegExp][] = [
    ['esdb://localhost:2113?tlsVerifyCert=false', /tlsVerifyCert=false has no effect/],
    ['esdb://localhost:2113?tls=maybe', /tls must be true or false/],
    ['esdb+discover://a,b', /exactly one DNS name/],
  ];
  for (const [url, reason] of cases) t.throws(() => parseStoreUrl(url), { constructor: InvalidStoreUrlError, message: reason }, url);
});

t.test('a password with an unencoded / ? @ or : never reaches the message, in any part', async (t) => {
  for (const password of ['hun/ter2', 'hun?ter2', 'hun@ter2', 'hun:ter2']) {
    for (const url of [`esdb://admin:${password}@a:2113`, `postgres://meridian:${password}@db.internal/meridian`]) {
      const error = t.throws(() => parseStoreUrl(url), InvalidStoreUrlError, url) as InvalidStoreUrlError;
      t.notMatch(`${error.message} ${error.url}`, /hun|ter2/, error.message);
    }
  }
});
