import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import t from 'tap';
import { Webhook } from 'standardwebhooks';
import { Temporal } from '@meridian/domain';
import type { ChannelLogger } from '../../src/channels/channel-logger.ts';
import { createWebhookSender, webhookBody, type WebhookMessage } from '../../src/channels/webhook-sender.ts';
import { generateWebhookSecret } from '../../src/channels/webhook-signing.ts';
import type { ResolveAll } from '../../src/channels/target-guard.ts';

interface Received {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A real receiver on 127.0.0.1 whose answer depends on the path. */
const startReceiver = async () => {
  const received: Received[] = [];
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body });
      if (path.startsWith('/ok')) return void response.writeHead(204).end();
      if (path === '/gone') return void response.writeHead(410).end('this endpoint was removed');
      if (path === '/busy') return void response.writeHead(503, { 'retry-after': '7' }).end();
      if (path === '/slow-down') return void response.writeHead(429, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }).end();
      if (path === '/broken') return void response.writeHead(500).end();
      if (path.startsWith('/echo')) return void response.writeHead(400).end(`unknown tenant at ${path}`);
      if (path === '/bad') return void response.writeHead(400, { 'content-type': 'text/plain' }).end('unknown event type\nsession.added');
      if (path === '/moved') return void response.writeHead(301, { location: 'https://elsewhere.example/' }).end();
      if (path === '/hang') return; // never answers
      if (path === '/trickle') return void response.writeHead(200, { 'content-length': '100' }).write('{"ok":'); // never finishes
      if (path === '/cut') return void response.writeHead(200, { 'content-length': '100' }).end('{"ok":', () => request.socket.destroy());
      response.writeHead(404).end();
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    received,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

/** A logger that keeps what it is given, to look for secrets in it. */
const capturingLog = () => {
  const lines: string[] = [];
  const keep = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push(JSON.stringify({ level, message, ...fields }));
  const log: ChannelLogger = { debug: keep('debug'), info: keep('info'), warn: keep('warn') };
  return { log, lines };
};

const content = {
  type: 'session.rescheduled',
  timestamp: Temporal.Instant.from('2025-11-26T08:20:00Z'),
  data: { sessionId: 's1', start: { instant: '2025-11-26T08:20:00Z', local: '2025-11-26T09:20', offset: '+01:00' } },
};
const message = (id: string): WebhookMessage => ({ id, type: content.type, body: webhookBody(content) });

const receiver = await startReceiver();
t.teardown(receiver.close);
const { log, lines } = capturingLog();
const sender = createWebhookSender({ allowPrivate: true, timeoutMs: 2000, userAgent: 'Meridian-Notify/0.1 (test)', log });
t.teardown(() => sender.close());
const secret = generateWebhookSecret();

t.test('a 2xx is delivered, signed as Standard Webhooks, and standardwebhooks verifies it', async (t) => {
  const result = await sender.send({ url: receiver.url('/ok?token=path-secret'), secrets: [secret] }, message('msg_ok'));
  t.same(result, { outcome: 'delivered', detail: 'HTTP 204' });
  const got = receiver.received.find((entry) => entry.headers['webhook-id'] === 'msg_ok')!;
  t.equal(got.headers['content-type'], 'application/json');
  t.equal(got.headers['user-agent'], 'Meridian-Notify/0.1 (test)');
  t.match(got.headers['webhook-signature'], /^v1,[A-Za-z0-9+/]+=*$/);
  const stamp = Number(got.headers['webhook-timestamp']);
  t.ok(Math.abs(stamp - Date.now() / 1000) < 5, 'webhook-timestamp is the time of the attempt, in seconds');
  const verified = new Webhook(secret).verify(got.body, got.headers as Record<string, string>);
  t.same(verified, { type: 'session.rescheduled', timestamp: '2025-11-26T08:20:00Z', data: content.data }, 'the body is {type, timestamp, data}');
});

t.test('with two secrets (a rotation), a receiver holding either one verifies', async (t) => {
  const next = generateWebhookSecret();
  t.equal((await sender.send({ url: receiver.url('/ok'), secrets: [secret, next] }, message('msg_two'))).outcome, 'delivered');
  const got = receiver.received.find((entry) => entry.headers['webhook-id'] === 'msg_two')!;
  t.equal(String(got.headers['webhook-signature']).split(' ').length, 2);
  t.ok(new Webhook(secret).verify(got.body, got.headers as Record<string, string>), 'the old secret verifies');
  t.ok(new Webhook(next).verify(got.body, got.headers as Record<string, string>), 'the new secret verifies');
});

t.test('410 means the endpoint is gone', async (t) => {
  const result = await sender.send({ url: receiver.url('/gone'), secrets: [secret] }, message('msg_gone'));
  t.equal(result.outcome, 'gone');
  t.match(result, { reason: /HTTP 410 Gone: this endpoint was removed/ });
});

t.test('503 with Retry-After: 7 retries after 7000 ms; 429 with an HTTP-date too; 500 retries with no hint', async (t) => {
  t.same(await sender.send({ url: receiver.url('/busy'), secrets: [secret] }, message('msg_busy')), {
    outcome: 'retry',
    reason: 'HTTP 503 Service Unavailable',
    retryAfterMs: 7000,
  });
  const slow = await sender.send({ url: receiver.url('/slow-down'), secrets: [secret] }, message('msg_429'));
  t.equal(slow.outcome, 'retry');
  const after = slow.outcome === 'retry' ? slow.retryAfterMs ?? 0 : 0;
  t.ok(after > 115_000 && after <= 120_000, `429 Retry-After as an HTTP-date → ${after} ms`);
  t.same(await sender.send({ url: receiver.url('/broken'), secrets: [secret] }, message('msg_500')), { outcome: 'retry', reason: 'HTTP 500 Internal Server Error' });
});

t.test('other 4xx and redirects are retried too (Standard Webhooks), saying why', async (t) => {
  const bad = await sender.send({ url: receiver.url('/bad'), secrets: [secret] }, message('msg_bad'));
  t.same(bad, { outcome: 'retry', reason: 'HTTP 400 Bad Request: unknown event type session.added' });
  const moved = await sender.send({ url: receiver.url('/moved'), secrets: [secret] }, message('msg_moved'));
  t.match(moved, { outcome: 'retry', reason: /HTTP 301 .*redirects are not followed/ });
});

t.test('a receiver that never answers is a retry once the timeout passes', async (t) => {
  const quick = createWebhookSender({ allowPrivate: true, timeoutMs: 300, userAgent: 'test', log });
  t.teardown(() => quick.close());
  const started = performance.now();
  const result = await quick.send({ url: receiver.url('/hang'), secrets: [secret] }, message('msg_hang'));
  const elapsed = performance.now() - started;
  t.same(result, { outcome: 'retry', reason: 'no answer within 300 ms' });
  t.ok(elapsed >= 290 && elapsed < 1500, `gave up after ${Math.round(elapsed)} ms`);
});

t.test('an answer that never ends, or is cut off, is a retry', async (t) => {
  const quick = createWebhookSender({ allowPrivate: true, timeoutMs: 300, userAgent: 'test', log });
  t.teardown(() => quick.close());
  t.same(await quick.send({ url: receiver.url('/trickle'), secrets: [secret] }, message('msg_trickle')), { outcome: 'retry', reason: 'no answer within 300 ms' });
  t.match(await quick.send({ url: receiver.url('/cut'), secrets: [secret] }, message('msg_cut')), { outcome: 'retry', reason: /ECONNRESET/ });
});

t.test('a refused connection and a DNS failure retry', async (t) => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  t.match(await sender.send({ url: `http://127.0.0.1:${port}/`, secrets: [secret] }, message('msg_refused')), { outcome: 'retry', reason: /ECONNREFUSED/ });

  const failing: ResolveAll = async (hostname) => {
    throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN' });
  };
  const unresolved = createWebhookSender({ allowPrivate: false, timeoutMs: 500, userAgent: 'test', log, lookup: failing });
  t.teardown(() => unresolved.close());
  t.same(await unresolved.send({ url: 'https://hooks.example/in', secrets: [secret] }, message('msg_dns')), {
    outcome: 'retry',
    reason: 'could not resolve hooks.example (EAI_AGAIN)',
  });
});

t.test('private targets are refused when not allowed, without a request', async (t) => {
  const strict = createWebhookSender({ allowPrivate: false, timeoutMs: 500, userAgent: 'test', log });
  t.teardown(() => strict.close());
  const before = receiver.received.length;
  const result = await strict.send({ url: receiver.url('/ok'), secrets: [secret] }, message('msg_private'));
  t.match(result, { outcome: 'failed', reason: /private-address.*127\.0\.0\.1 is not a public address/ });
  t.equal(receiver.received.length, before, 'the receiver saw nothing');
  t.match(await strict.send({ url: 'ftp://hooks.example/', secrets: [secret] }, message('msg_ftp')), { outcome: 'failed', reason: /unsupported-scheme/ });
});

t.test('a host name is connected at the address it was checked at', async (t) => {
  const lookup: ResolveAll = async () => [{ address: '127.0.0.1', family: 4 }];
  const named = createWebhookSender({ allowPrivate: true, timeoutMs: 1000, userAgent: 'test', log, lookup });
  t.teardown(() => named.close());
  t.equal((await named.send({ url: `http://hooks.test:${receiver.port}/ok`, secrets: [secret] }, message('msg_named'))).outcome, 'delivered');
  const got = receiver.received.find((entry) => entry.headers['webhook-id'] === 'msg_named')!;
  t.equal(got.headers.host, `hooks.test:${receiver.port}`);
});

t.test('a bad secret fails for good', async (t) => {
  t.match(await sender.send({ url: receiver.url('/ok'), secrets: ['not-a-secret'] }, message('msg_secret')), { outcome: 'failed', reason: /invalid webhook secret/ });
  t.match(await sender.send({ url: receiver.url('/ok'), secrets: [] }, message('msg_nosecret')), { outcome: 'failed', reason: /no secret/ });
});

t.test('a body is {type, timestamp, data}; data JSON cannot hold is refused before anything is sent', async (t) => {
  t.equal(webhookBody({ type: 'webhook.ping', timestamp: Temporal.Instant.from('2025-11-26T08:20:00.000Z'), data: {} }), '{"type":"webhook.ping","timestamp":"2025-11-26T08:20:00Z","data":{}}');
  t.throws(() => webhookBody({ ...content, data: { n: 1n } }), TypeError);
});

t.test('a fan-out reuses kept-alive sockets, never more than the bound', async (t) => {
  const fan = await startReceiver();
  t.teardown(fan.close);
  const bounded = createWebhookSender({ allowPrivate: true, timeoutMs: 5000, userAgent: 'test', log, maxSocketsPerOrigin: 8 });
  t.teardown(() => bounded.close());
  const count = 1000;
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, (_, index) => bounded.send({ url: fan.url(`/ok/${index}`), secrets: [secret] }, message(`msg_fan_${index}`))));
  const elapsed = performance.now() - started;
  t.equal(results.filter((result) => result.outcome === 'delivered').length, count, `${count} deliveries in ${Math.round(elapsed)} ms`);
  t.ok(fan.connections() <= 8, `${fan.connections()} connections for ${count} requests`);
});

t.test('a receiver\'s answer reaches the delivery\'s reason but never the log, which says its status: it may echo the path and query', async (t) => {
  const echoed = capturingLog();
  const echoing = createWebhookSender({ allowPrivate: true, timeoutMs: 2000, userAgent: 'test', log: echoed.log });
  t.teardown(() => echoing.close());
  const refused = await echoing.send({ url: receiver.url('/echo/alice-private-path?token=query-secret'), secrets: [secret] }, message('msg_echo'));
  t.match(refused, { outcome: 'retry', reason: /unknown tenant at \/echo\/alice-private-path\?token=query-secret/ }, 'kept for the outbox, which erases it with the subscriber');
  t.match(await echoing.send({ url: receiver.url('/gone'), secrets: [secret] }, message('msg_echo_gone')), { outcome: 'gone', reason: /this endpoint was removed/ });
  const text = echoed.lines.join('\n');
  t.notMatch(text, /alice-private-path|query-secret|unknown tenant|endpoint was removed/, 'no path, query or answer text');
  t.match(text, /"webhookId":"msg_echo".*"httpStatus":400/, 'the status code');
  t.match(text, /"webhookId":"msg_echo_gone".*"httpStatus":410/);
});

t.test('no secret, signature or URL path ever reaches the log', async (t) => {
  t.ok(lines.length > 5, `${lines.length} log lines captured`);
  const signatures = receiver.received.flatMap((entry) => String(entry.headers['webhook-signature'] ?? '').split(' ')).filter(Boolean);
  const text = lines.join('\n');
  t.notOk(text.includes(secret), 'no secret');
  t.notOk(text.includes(secret.slice('whsec_'.length)), 'no secret key bytes');
  t.notOk(signatures.some((signature) => text.includes(signature.slice(3))), 'no signature');
  t.notOk(text.includes('path-secret'), 'no URL query');
  t.notOk(text.includes('/gone'), 'no URL path');
  t.notOk(text.includes('unknown event type'), 'no answer text');
  t.match(text, /"webhookId":"msg_busy"/, 'failures are logged by message id');
  t.match(text, /"target":"http:\/\/127\.0\.0\.1:\d+"/, 'and by origin');
});
