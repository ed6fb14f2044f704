import t from 'tap';
import { cachedLookup } from '../../src/channels/cached-lookup.ts';
import type { ResolveAll } from '../../src/channels/target-guard.ts';

t.test('a host is resolved once per ttl, concurrent look-ups share one answer, failures are not kept', async (t) => {
  let clock = 0;
  const asked: string[] = [];
  let failNext = false;
  const resolve: ResolveAll = async (hostname) => {
    asked.push(hostname);
    if (failNext) {
      failNext = false;
      throw Object.assign(new Error('EAI_AGAIN'), { code: 'EAI_AGAIN' });
    }
    return [{ address: '93.184.215.14', family: 4 }];
  };
  const lookup = cachedLookup(resolve, { ttlMs: 1000, maxEntries: 2, now: () => clock });

  await Promise.all(Array.from({ length: 100 }, () => lookup('hooks.example', { all: true })));
  t.same(asked, ['hooks.example'], '100 concurrent look-ups, one question');
  clock = 999;
  await lookup('HOOKS.example', { all: true });
  t.equal(asked.length, 1, 'names are compared without case, and kept until the ttl');
  clock = 1000;
  await lookup('hooks.example', { all: true });
  t.equal(asked.length, 2, 'asked again once the ttl passed');

  failNext = true;
  await t.rejects(lookup('flaky.example', { all: true }));
  await lookup('flaky.example', { all: true });
  t.same(asked.slice(2), ['flaky.example', 'flaky.example'], 'a failure is asked again at once');

  await lookup('third.example', { all: true });
  await lookup('hooks.example', { all: true });
  t.equal(asked.at(-1), 'hooks.example', 'beyond maxEntries the oldest name is dropped');
});
