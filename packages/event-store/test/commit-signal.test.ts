/** createCommitSignal: a waiter learns of a commit at once, including one made just before it waited. */
import t from 'tap';
import { createCommitSignal } from '../src/commit-signal.ts';

const never = new AbortController().signal;

t.test('a commit after the generation seen wakes the waiter, and says so', async (t) => {
  const commits = createCommitSignal();
  const seen = commits.generation;
  const waiting = commits.wait(seen, 60_000, never);
  commits.notify();
  t.equal(await waiting, 'committed');
  t.equal(commits.generation, seen + 1);
});

t.test('a commit made between the read and the wait is not missed', async (t) => {
  const commits = createCommitSignal();
  const seen = commits.generation;
  commits.notify();
  t.equal(await commits.wait(seen, 60_000, never), 'committed', 'answered at once, not after the timeout');
});

t.test('without a commit, the wait ends with its timeout or its signal', async (t) => {
  const commits = createCommitSignal();
  t.equal(await commits.wait(commits.generation, 5, never), 'timed-out');
  const closing = new AbortController();
  const waiting = commits.wait(commits.generation, 60_000, closing.signal);
  closing.abort();
  t.equal(await waiting, 'aborted');
  t.equal(await commits.wait(commits.generation, 60_000, closing.signal), 'aborted', 'an aborted signal answers at once');
  commits.notify();
  t.equal(await commits.wait(commits.generation - 1, 60_000, closing.signal), 'aborted', 'closing wins over a commit');
});
