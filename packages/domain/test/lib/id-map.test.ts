import t from 'tap';
import { IdMap } from '../../src/index.ts';

type Row = { id: string; n: number };
const row = (id: string, n = 0): Row => ({ id, n });

t.test('keeps insertion order; replacing keeps the slot', async (t) => {
  const map = IdMap.of([row('a'), row('b'), row('c')]).with(row('b', 1));
  t.same([...map.keys()], ['a', 'b', 'c']);
  t.same(map.get('b'), row('b', 1));
  t.equal(map.size, 3);
  t.same([...map].map(([id]) => id), ['a', 'b', 'c']);
  t.same(new Map(map).get('c'), row('c'), 'usable wherever a Map is read');
});

t.test('indexOf and at read positions in the order of each version', async (t) => {
  const first = IdMap.of([row('a'), row('b')]);
  const newest = first.with(row('c')).with(row('a', 1));
  t.equal(newest.indexOf('c'), 2);
  t.equal(first.indexOf('c'), -1, 'a record added later is not in an older version');
  t.same(newest.at(0), row('a', 1));
  t.same(first.at(0), row('a'), 'an older version reads its own record at a position');
  t.same(newest.at(-1), row('c'));
  t.same(first.at(-1), row('b'));
  t.equal(first.at(2), undefined);
  t.equal(first.at(-3), undefined);
  t.equal(first.at(0.5), undefined);
});

t.test('older versions are unchanged by later ones', async (t) => {
  const one = IdMap.of([row('a')]);
  const two = one.with(row('b'));
  const three = two.with(row('a', 9));
  t.equal(one.size, 1);
  t.notOk(one.has('b'), 'a record added later is not in the older version');
  t.same(two.get('a'), row('a'));
  t.same(three.get('a'), row('a', 9));
});

t.test('two branches from one version never see each other\'s records', async (t) => {
  const base = IdMap.of([row('a'), row('b')]);
  const left = base.with(row('x', 1));
  const right = base.with(row('y', 2));
  t.ok(left.has('x'));
  t.notOk(left.has('y'));
  t.ok(right.has('y'));
  t.notOk(right.has('x'));
  const rightThenX = right.with(row('x', 3));
  t.same(rightThenX.get('x'), row('x', 3));
  t.same(left.get('x'), row('x', 1), 'the left branch keeps its own x');
  t.same([...rightThenX.keys()], ['a', 'b', 'y', 'x']);
  t.notOk(base.has('x'));
});

t.test('map() rewrites every record and shares nothing that could leak', async (t) => {
  const base = IdMap.of([row('a', 1), row('b', 2)]);
  const doubled = base.map((record) => ({ ...record, n: record.n * 2 }));
  const grown = base.with(row('c'));
  const doubledGrown = doubled.with(row('d'));
  t.same([...doubled.values()].map((record) => record.n), [2, 4]);
  t.notOk(doubledGrown.has('c'));
  t.notOk(grown.has('d'));
  t.same([...doubledGrown.keys()], ['a', 'b', 'd']);
});

t.test('a replaced branch and the version it came from both grow without disturbing each other', async (t) => {
  const v1 = IdMap.of([row('a'), row('b')]);
  const v2 = v1.with(row('a', 1));
  const v2x = v2.with(row('x', 2));
  const v1y = v1.with(row('y', 3));
  const v2xy = v2x.with(row('y', 4));
  const v1yq = v1y.with(row('q', 5)).with(row('x', 6));
  t.same([...v2xy.keys()], ['a', 'b', 'x', 'y']);
  t.same([...v1yq.keys()], ['a', 'b', 'y', 'q', 'x']);
  t.same(v2xy.get('y'), row('y', 4));
  t.same(v1yq.get('y'), row('y', 3));
  t.same(v1yq.get('x'), row('x', 6));
  t.same(v2x.get('x'), row('x', 2));
  t.notOk(v1.has('x'));
  t.same(v1.get('a'), row('a'));
});

t.test('an old version of a lineage may still replace and grow without breaking the newest', async (t) => {
  const base = IdMap.of([row('a')]);
  const tip = base.with(row('b')).with(row('c'));
  const old = tip.with(row('a', 1));
  // `base` is not the end of its records any more: its own growth must not touch the shared index.
  const forked = base.with(row('a', 2)).with(row('q')).with(row('c', 9));
  t.same([...tip.keys()], ['a', 'b', 'c']);
  t.same(tip.get('c'), row('c'));
  t.same(old.get('a'), row('a', 1));
  t.same([...forked.keys()], ['a', 'q', 'c']);
  t.same(forked.get('c'), row('c', 9));
  t.notOk(forked.has('b'));
});

t.test('matches a plain Map under random branching histories', async (t) => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const versions: { map: IdMap<Row>; model: Map<string, Row> }[] = [{ map: IdMap.empty(), model: new Map() }];
  for (let step = 0; step < 3000; step += 1) {
    const from = versions[random(versions.length)]!;
    const record = row(`k${random(40)}`, step);
    const model = new Map(from.model);
    model.set(record.id, record);
    versions.push({ map: from.map.with(record), model });
  }
  let mismatches = 0;
  for (const { map, model } of versions) {
    if (JSON.stringify([...map.values()]) !== JSON.stringify([...model.values()])) mismatches += 1;
    for (let k = 0; k < 40; k += 1) if (map.get(`k${k}`) !== model.get(`k${k}`)) mismatches += 1;
  }
  t.equal(mismatches, 0, '3,000 versions, every lookup and order as a Map');
});

t.test('a version keeps its records however often the newest version changes them after it', async (t) => {
  const first = IdMap.of([row('a'), row('b')]);
  let newest = first;
  for (let n = 1; n <= 100; n += 1) newest = newest.with(row(n % 2 === 0 ? 'a' : 'b', n)).with(row(`c${n}`, n));
  t.same([...first.values()], [row('a'), row('b')], 'the first version reads through every change made since');
  t.same(first.get('b'), row('b'));
  t.notOk(first.has('c1'));
  t.same(newest.get('a'), row('a', 100));
  t.same(newest.get('b'), row('b', 99));
  t.equal(newest.size, 102);
  t.same([...first.map((record) => ({ ...record, n: -1 })).values()], [row('a', -1), row('b', -1)], 'map() of an old version sees its records');
  const branched = first.with(row('a', 7));
  t.same([...branched.values()], [row('a', 7), row('b')], 'writing to an old version branches from its own records');
  t.same(newest.get('a'), row('a', 100), 'and leaves the newest alone');
});
