import t from 'tap';
import { requestIds } from '../src/request-ids.ts';

const anonymous = { headers: {} };
const prefixOf = (id: string) => id.slice(0, id.lastIndexOf('-'));

t.test('a client\'s sane X-Request-Id is kept, so logs correlate across services', async (t) => {
  const next = requestIds();
  t.equal(next({ headers: { 'x-request-id': 'create-req-1' } }), 'create-req-1');
  t.not(next({ headers: { 'x-request-id': 'not a token\n' } }), 'not a token\n', 'a header that could forge log lines is replaced');
  t.not(next({ headers: { 'x-request-id': ['a', 'b'] } }), 'a', 'a repeated header is replaced');
});

t.test('ids of one process never repeat, and another process draws another prefix', async (t) => {
  const next = requestIds();
  const issued = new Set(Array.from({ length: 1000 }, () => next(anonymous)));
  t.equal(issued.size, 1000);
  const other = requestIds()(anonymous);
  t.notOk(issued.has(other));
  t.not(prefixOf(other), prefixOf([...issued][0]!));
});

t.test('the ids issued are themselves sane request ids, kept by the next service they reach', async (t) => {
  const next = requestIds();
  const id = next(anonymous);
  t.match(id, /^[A-Za-z0-9._:-]{1,128}$/);
  t.equal(requestIds()({ headers: { 'x-request-id': id } }), id);
});
