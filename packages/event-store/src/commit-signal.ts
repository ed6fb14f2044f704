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
   * of `timeoutMs`, or `signal` aborting; true if it was a commit. Never rejects.
   */
  wait(seenGeneration: number, timeoutMs: number, signal: AbortSignal): Promise<boolean>;
}

/**
 * Creates a {@link CommitSignal}.
 *
 * @example
 * const commits = createCommitSignal()
 * const seen = commits.generation
 * setTimeout(() => commits.notify(), 10)
 * await commits.wait(seen, 60_000, new AbortController().signal) //=> true, after ~10 ms
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
      if (signal.aborted) return Promise.resolve(false);
      if (seenGeneration !== generation) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const finish = (committed: boolean) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', stop);
          waiters.delete(wake);
          resolve(committed);
        };
        const wake = () => finish(true);
        const stop = () => finish(false);
        const timer = setTimeout(stop, timeoutMs);
        signal.addEventListener('abort', stop);
        waiters.add(wake);
      });
    },
  };
}
