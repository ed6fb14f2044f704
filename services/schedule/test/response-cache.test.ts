import t from 'tap';
import { holdsETag, ResponseCache } from '../src/response-cache.ts';

const bytes = (length: number) => () => 'x'.repeat(length);

t.test('a cached answer is rendered once and answered from memory after', async (t) => {
  const cache = new ResponseCache(100);
  let renders = 0;
  const render = () => `feed ${++renders}`;
  const first = cache.get('feed', render);
  t.equal(cache.get('feed', render), first);
  t.equal(renders, 1);
  t.equal(cache.bytes, first.body.length);
});

t.test('beyond its bound the cache evicts the oldest answer not read since it was queued', async (t) => {
  const cache = new ResponseCache(30);
  cache.get('a', bytes(10));
  cache.get('b', bytes(10));
  cache.get('c', bytes(10));
  cache.get('a', bytes(10));
  cache.get('d', bytes(10));
  let rendered = false;
  cache.get('a', () => ((rendered = true), 'x'.repeat(10)));
  t.notOk(rendered, 'a, read again, had a second chance');
  cache.get('b', () => ((rendered = true), 'x'.repeat(10)));
  t.ok(rendered, 'b, the oldest unread, was evicted');
  t.ok(cache.bytes <= 30);
});

t.test('an answer larger than the bound is kept alone until the next one', async (t) => {
  const cache = new ResponseCache(30);
  cache.get('a', bytes(10));
  cache.get('a', bytes(10));
  cache.get('huge', bytes(50));
  t.equal(cache.size, 1);
  t.equal(cache.bytes, 50);
  cache.get('b', bytes(10));
  t.equal(cache.size, 1);
  t.equal(cache.bytes, 10);
});

t.test('If-None-Match names the answer by its tag, weakly compared, in a list, or by *', async (t) => {
  const etag = '"abc"';
  t.ok(holdsETag('"abc"', etag));
  t.ok(holdsETag('W/"abc"', etag), 'a weakened tag (a proxy compressed the answer) names the same bytes');
  t.ok(holdsETag('"x", W/"abc"', etag));
  t.ok(holdsETag('*', etag));
  t.notOk(holdsETag('"abcd"', etag));
  t.notOk(holdsETag(undefined, etag));
});
