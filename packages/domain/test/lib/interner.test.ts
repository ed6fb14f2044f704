import t from 'tap';
import { Interner } from '../../src/_lib/interner.ts';

t.test('equal values under one key come back as the first one seen', async (t) => {
  const times = new Interner<{ local: string }>();
  const first = { local: '2025-11-26T09:20' };
  t.equal(times.intern(first.local, first), first);
  t.equal(times.intern('2025-11-26T09:20', { local: '2025-11-26T09:20' }), first, 'a later copy is answered with the first');
  t.not(times.intern('2025-11-26T09:30', { local: '2025-11-26T09:30' }), first);
});

t.test('starts afresh once full, still answering every value correctly', async (t) => {
  const strings = new Interner<string>(2);
  for (const value of ['a', 'b', 'c', 'a', 'd']) t.equal(strings.intern(value, value), value);
});
