/** Runs tasks one after another per stream; see {@link createStreamQueue}. */
export interface StreamQueue {
  /** runs `task` once every task queued before it for `stream` has settled; settles as it does */
  run<T>(stream: string, task: () => Promise<T>): Promise<T>;
}

/**
 * A queue per stream, so that the commands of one process on one stream run one at a time.
 *
 * Group commit makes this necessary: commands on one stream arriving in the same turn would all
 * read the same version and meet in the same transaction, where all but the first conflict, and a
 * burst of them would exhaust its retries. Queued, each decides on the state its predecessor
 * appended. Commands on other streams are not held up, and still share a commit.
 *
 * @example
 * const queue = createStreamQueue()
 * await Promise.all([queue.run('meeting-1', first), queue.run('meeting-1', second)])
 * //=> second starts once first has settled
 */
export function createStreamQueue(): StreamQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(stream: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(stream);
      // A failure of the previous task is its caller's, not a reason to skip this one.
      const result = previous === undefined ? task() : previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(stream, tail);
      // The last task of a stream removes its entry: the map holds only streams with work queued.
      void tail.then(() => {
        if (tails.get(stream) === tail) tails.delete(stream);
      });
      return result;
    },
  };
}
