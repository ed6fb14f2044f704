import t from 'tap';
import Fastify from 'fastify';
import { serverOptions } from '../src/server-options.ts';

t.test('request logs keep the URL, with tokens in its path or query redacted', async (t) => {
  const lines: string[] = [];
  const options = serverOptions({ logLevel: 'info' });
  const app = Fastify({ ...options, logger: { ...(options.logger as object), stream: { write: (line: string) => void lines.push(line) } } });
  app.get('/feeds/:feedId/:token', async () => 'feed');
  app.get('/subscriptions/:subscriptionId/unsubscribe', async () => 'page');
  t.teardown(() => app.close());

  await app.inject({ url: '/feeds/f-1/pv%2Bs3cr3t?tz=Asia/Tokyo' });
  await app.inject({ url: '/subscriptions/sub-1/unsubscribe?token=L1NKT0KEN&lang=fr' });
  const urls = lines.map((line) => JSON.parse(line) as { msg: string; req?: { url: string } }).filter((entry) => entry.msg === 'incoming request').map((entry) => entry.req!.url);
  t.same(urls, ['/feeds/f-1/[redacted]?tz=Asia/Tokyo', '/subscriptions/sub-1/unsubscribe?token=[redacted]&lang=fr']);
  t.notMatch(lines.join('\n'), /s3cr3t|L1NKT0KEN/, 'no token anywhere in the log');
});
