/** createStreamQueue: one task at a time per stream, none held up by another stream's. */
import t from 'tap';
import { createStreamQueue } from '../src/stream-queue.ts';
import { sleep } from './contract/helpers.ts';

t.test('tasks of one stream run one after another, in the order queued, whatever the previous one did', async (t) => {
  const queue = createStreamQueue();
  const log: string[] = [];
  const task = (name: string, ms: number, fail = false) => async () => {
    log.push(`${name} starts`);
    await sleep(ms);
    log.push(`${name} ends`);
    if (fail) throw new Error(name);
    return name;
  };
  const outcomes = await Promise.allSettled([queue.run('a', task('a1', 20, true)), queue.run('a', task('a2', 1)), queue.run('b', task('b1', 5))]);
  t.match(outcomes, [{ status: 'rejected', reason: { message: 'a1' } }, { status: 'fulfilled', value: 'a2' }, { status: 'fulfilled', value: 'b1' }]);
  t.same(log, ['a1 starts', 'b1 starts', 'b1 ends', 'a1 ends', 'a2 starts', 'a2 ends'], 'b did not wait for a; a2 waited for a1, which failed');
});
