import t from 'tap';
import { BoundedMemo } from '../../src/_lib/bounded-memo.ts';

t.test('a memo keeps at most its limit, dropping the least recently used', async (t) => {
  const memo = new BoundedMemo<string, number>(2);
  t.equal(memo.set('a', 1), 1, 'set answers the value');
  memo.set('b', 2);
  t.equal(memo.get('a'), 1, 'reading a makes b the least recently used');
  memo.set('c', 3);
  t.equal(memo.size, 2);
  t.equal(memo.get('b'), undefined, 'b went');
  t.equal(memo.get('a'), 1);
  t.equal(memo.get('c'), 3);
});

t.test('setting a held key again replaces its value without growing', async (t) => {
  const memo = new BoundedMemo<string, number>(2);
  memo.set('a', 1);
  memo.set('a', 2);
  t.equal(memo.size, 1);
  t.equal(memo.get('a'), 2);
});
