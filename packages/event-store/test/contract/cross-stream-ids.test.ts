/**
 * The contract's cases that reuse an id in another stream are skipped, with a plain reason, for a
 * store that keeps no index of event ids across streams; every other case still runs.
 */
import t, { type Test } from 'tap';
import { appendContract } from './append.ts';
import { contractContext, type EventStoreContractFactory } from './helpers.ts';

/** The skip option of each test `appendContract` declares (false: it runs), running none of them. */
function skipsOfAppendContract(factory: Omit<EventStoreContractFactory, 'open'>): Map<string, string | false> {
  const skips = new Map<string, string | false>();
  const declaring = {
    test(name: string, ...rest: unknown[]) {
      const options = rest.length > 1 ? (rest[0] as { skip?: string | false }) : {};
      skips.set(name, options.skip ?? false);
    },
  };
  const context = contractContext({ ...factory, open: () => Promise.reject(new Error('no contract test runs here')) });
  appendContract(declaring as unknown as Test, context);
  return skips;
}

const acrossStreams = [
  'among concurrent appends, an id stored in another stream fails alone',
  'a stored batch sent to another stream is a DuplicateEventIdError',
];

t.test('without an index of ids across streams, only the cases that need one are skipped', async (t) => {
  const skips = skipsOfAppendContract({ detectsIdsAcrossStreams: false });
  for (const name of acrossStreams) t.equal(skips.get(name), 'this store keeps no index of event ids across streams', name);
  const running = [...skips].filter(([name]) => !acrossStreams.includes(name));
  t.ok(running.length >= 7, 'the other append cases are declared');
  t.same(running.filter(([, skip]) => skip !== false), [], 'and all of them run');
  t.equal(skips.get('among concurrent appends, a conflict fails alone'), false, 'the conflict half of the race still runs');
});

t.test('by default a store detects ids across streams, and every case runs', async (t) => {
  const skips = skipsOfAppendContract({});
  for (const name of acrossStreams) t.equal(skips.get(name), false, name);
  t.same([...skips.values()].filter((skip) => skip !== false), []);
});
