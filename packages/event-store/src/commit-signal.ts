/**
 * Wakes in-process waiters right after a commit, so a subscription of the same store object sees
 * an append at once instead of at its next poll.
 *
 * The generation counter closes the race between a read and the wait that follows it: a waiter
 * passes the generation it saw before reading, and a commit made in between wakes it at once.
 */
export interface CommitSignal {
  /** increases by one on each {@link notify} */
  readonly generation: number;
  /** wakes every waiter */
  notify(): void;
  /**
   * Resolves at the first of: a commit after `seenGeneration` (possibly already made), the end
   * of `timeoutMs`, or `signal` aborting; says which. Never rejects.
   */
  wait(seenGeneration: number, timeoutMs: number, signal: AbortSignal): Promise<WaitOutcome>;
}

/** Why a {@link CommitSignal.wait} ended. */
export type WaitOutcome = 'committed' | 'timed-out' | 'aborted';

/**
 * Creates a {@link CommitSignal}.
 *
 * @example
 * const commits = createCommitSignal()
 * const seen = commits.generation
 * setTimeout(() => commits.notify(), 10)
 * await commits.wait(seen, 60_000, new AbortController().signal) //=> 'committed', after ~10 ms
 */
export function createCommitSignal(): CommitSignal {
  let generation = 0;
  const waiters = new Set<() => void>();
  return {
    get generation() {
      return generation;
    },
    notify() {
      generation += 1;
      for (const wake of [...waiters]) wake();
    },
    wait(seenGeneration, timeoutMs, signal) {
      if (signal.aborted) return Promise.resolve('aborted');
      if (seenGeneration !== generation) return Promise.resolve('committed');
      return new Promise<WaitOutcome>((resolve) => {
        const finish = (outcome: WaitOutcome) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', abort);
          waiters.delete(wake);
          resolve(outcome);
        };
        const wake = () => finish('committed');
        const abort = () => finish('aborted');
        const timer = setTimeout(() => finish('timed-out'), timeoutMs);
        signal.addEventListener('abort', abort);
        waiters.add(wake);
      });
    },
  };
}
