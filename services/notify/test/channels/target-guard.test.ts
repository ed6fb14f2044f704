import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { WebhookTargetLookupError, WebhookTargetRefusedError } from '../../src/channels/errors.ts';
import { assertDeliverableUrl, pinnedLookup, type ResolveAll } from '../../src/channels/target-guard.ts';

/** A resolver answering from a table, as DNS would: injected, the way the sender takes one. */
const resolverOf =
  (table: Record<string, readonly string[]>): ResolveAll =>
  async (hostname) => {
    const addresses = table[hostname];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const lookup = resolverOf({
  'home.example': ['192.168.1.1'],
  'metadata.example': ['169.254.169.254'],
  'mixed.example': ['93.184.215.14', '10.0.0.7'],
  'hooks.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'empty.example': [],
});

t.test('loopback, private and other non-public targets are refused when private targets are not allowed', async (t) => {
  const refused = [
    'http://127.0.0.1/hook',
    'http://127.8.9.10:8080/hook',
    'http://localhost:3000/hook',
    'http://[::1]/hook',
    'http://10.0.0.1/hook',
    'http://172.16.5.4/hook',
    'http://100.64.0.1/hook',
    'http://0.0.0.0/hook',
    'http://0x7f.1/hook',
    'http://2130706433/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[fe80::1]/hook',
    'http://[fd12:3456::1]/hook',
    'http://224.0.0.1/hook',
    'https://home.example/hook',
    'https://metadata.example/latest/meta-data',
    'https://mixed.example/hook',
    'https://mapped.example/hook',
  ];
  for (const url of refused) {
    // localhost goes through the real resolver: it is in every /etc/hosts
    const options = url.includes('localhost') ? { allowPrivate: false } : { allowPrivate: false, lookup };
    await t.rejects(assertDeliverableUrl(url, options), { name: 'WebhookTargetRefusedError', reason: 'private-address', statusCode: 400 }, url);
  }
});

t.test('the refusal names the host, never the path nor what the host resolves to', async (t) => {
  const error = await assertDeliverableUrl('https://home.example/hook?token=s3cr3t', { allowPrivate: false, lookup }).catch((e: unknown) => e);
  t.type(error, WebhookTargetRefusedError);
  t.equal((error as Error).message, 'webhook target refused (private-address): home.example is not a public address');
  t.notMatch((error as Error).message, '192.168', 'the server\'s resolver is not a lookup service for the caller');
  t.notMatch((error as Error).message, 's3cr3t');
  t.equal((error as WebhookTargetRefusedError).code, 'MERIDIAN_WEBHOOK_TARGET_REFUSED');
});

t.test('the same targets are allowed with MERIDIAN_WEBHOOK_ALLOW_PRIVATE', async (t) => {
  for (const url of ['http://127.0.0.1/hook', 'http://localhost:3000/hook', 'http://[::1]/hook', 'http://10.0.0.1/hook', 'https://home.example/hook']) {
    const options = url.includes('localhost') ? { allowPrivate: true } : { allowPrivate: true, lookup };
    const vetted = await assertDeliverableUrl(url, options);
    t.ok(vetted.addresses.length > 0, `${url} → ${vetted.addresses.map((a) => a.address).join(', ')}`);
  }
});

t.test('a public host is accepted with every address it resolves to', async (t) => {
  const vetted = await assertDeliverableUrl('https://hooks.example/in?x=1', { allowPrivate: false, lookup });
  t.equal(vetted.hostname, 'hooks.example');
  t.same(vetted.addresses.map((entry) => entry.address), ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']);
  const literal = await assertDeliverableUrl('http://[2606:4700::1111]:8443/x', { allowPrivate: false, lookup });
  t.same(literal.addresses, [{ address: '2606:4700::1111', family: 6 }], 'an IP literal is its own address, without brackets');
});

t.test('other schemes, credentials, nonsense and hosts without addresses are refused', async (t) => {
  const cases: [string, string][] = [
    ['ftp://hooks.example/in', 'unsupported-scheme'],
    ['file:///etc/passwd', 'unsupported-scheme'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['hooks.example/in', 'invalid-url'],
    ['', 'invalid-url'],
    ['https://user:pass@hooks.example/in', 'credentials-in-url'],
    ['https://token@hooks.example/in', 'credentials-in-url'],
    ['https://empty.example/in', 'no-address'],
  ];
  for (const [url, reason] of cases) {
    await t.rejects(assertDeliverableUrl(url, { allowPrivate: true, lookup }), { name: 'WebhookTargetRefusedError', reason }, `${url || '(empty)'}: ${reason}`);
  }
});

t.test('a DNS failure is a lookup error, not a refusal', async (t) => {
  await t.rejects(assertDeliverableUrl('https://nowhere.example/in', { allowPrivate: false, lookup }), WebhookTargetLookupError);
  await t.rejects(assertDeliverableUrl('https://nowhere.example/in', { allowPrivate: false, lookup }), { message: /nowhere\.example \(ENOTFOUND\)/ });
});

t.test('the pinned lookup connects to the vetted address, even when DNS answers otherwise later', async (t) => {
  const hosts: string[] = [];
  const server = http.createServer((request, response) => {
    hosts.push(request.headers.host ?? '');
    response.end('pinned');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;

  // The first answer is the one checked; a rebinding resolver would answer differently next time.
  let answers = 0;
  const rebinding: ResolveAll = async () => [{ address: answers++ === 0 ? '127.0.0.1' : '203.0.113.9', family: 4 }];
  const vetted = await assertDeliverableUrl(`http://rebind.example:${port}/x`, { allowPrivate: true, lookup: rebinding });
  const body = await new Promise<string>((resolve, reject) => {
    http
      .get({ hostname: vetted.hostname, port, path: '/x', lookup: pinnedLookup(vetted), agent: false }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
  t.equal(body, 'pinned', 'the request reached the vetted 127.0.0.1');
  t.same(hosts, [`rebind.example:${port}`], 'with the name in the Host header');
  t.equal(answers, 1, 'connecting asked DNS nothing');

  const other = await new Promise<NodeJS.ErrnoException>((resolve) => {
    http.get({ hostname: 'other.example', port, lookup: pinnedLookup(vetted), agent: false }).on('error', resolve);
  });
  t.equal(other.code, 'ENOTFOUND', 'a name that was not vetted does not resolve');
});

t.test('the pinned lookup answers in the form asked for', async (t) => {
  const vetted = await assertDeliverableUrl('https://hooks.example/in', { allowPrivate: false, lookup });
  const pinned = pinnedLookup(vetted);
  pinned('hooks.example', { all: true }, (error, addresses) => {
    t.equal(error, null);
    t.same(addresses, vetted.addresses);
  });
  pinned('hooks.example', { family: 6 }, (error, address, family) => {
    t.equal(error, null);
    t.same([address, family], ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', 6]);
  });
  pinned('hooks.example', {}, (error, address, family) => {
    t.equal(error, null);
    t.same([address, family], ['93.184.215.14', 4]);
  });
});
