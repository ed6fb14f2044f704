import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { CommitSignal } from './commit-signal.ts';
import type { Checkpoint, RecordedEvent, SubscribeOptions, Subscription } from './port.ts';

/** Where a {@link startPollingSubscription} gets its events from. */
export interface PollingSource {
  /** the next events strictly after `after` (undefined: from the start), in order, a bounded batch */
  readAfter(after: Checkpoint | undefined): RecordedEvent[];
  /**
   * The same from what this process committed lately, without reading (none when `after` is the
   * last of it); undefined when that does not reach back to `after`.
   */
  readCommitted(after: Checkpoint | undefined): RecordedEvent[] | undefined;
  /** commits of this process, to wake up at once */
  readonly commits: CommitSignal;
  /** how often to look for commits of other processes */
  readonly pollIntervalMs: number;
}

/** A running subscription; `stopped` settles when its loop has ended, for whatever reason. */
export interface PollingSubscription extends Subscription {
  readonly stopped: Promise<void>;
}

/**
 * Delivers events strictly after `options.from`: catches up batch by batch, then stays live,
 * woken by this process's commits and polling for those of others.
 *
 * Woken by a commit of this process, it takes that commit's events from `readCommitted`, as long as
 * they follow what it delivered; it reads at the start, after a poll, and whenever they do not, since
 * only a read finds the commits of other processes.
 *
 * The handler is awaited before the next read, so delivery is sequential and memory holds one
 * batch at most. A read that finds nothing means caught up: `onCaughtUp` is told once per
 * catch-up. Caught up with this process's commits, that is: those of other processes are
 * delivered within a poll interval of their commit, as they always were (a wake-up taken from
 * `readCommitted` does not look at the file). A failure (handler, `onCaughtUp` or read) ends the loop and goes to `onError`; with
 * no `onError` it is rethrown as an uncaught exception, because a projection that silently stops
 * is worse than a process that crashes and resumes from its checkpoint.
 *
 * Do not `await close()` from inside `onEvent`: close waits for that very handler.
 */
export function startPollingSubscription(source: PollingSource, options: SubscribeOptions): PollingSubscription {
  const closing = new AbortController();

  const deliver = async (): Promise<void> => {
    let after = options.from;
    let toldCaughtUp = false;
    let wokenByCommit = false;
    while (!closing.signal.aborted) {
      const generation = source.commits.generation;
      const events = (wokenByCommit ? source.readCommitted(after) : undefined) ?? source.readAfter(after);
      if (events.length === 0) {
        if (!toldCaughtUp) options.onCaughtUp?.(after);
        toldCaughtUp = true;
        wokenByCommit = (await source.commits.wait(generation, source.pollIntervalMs, closing.signal)) === 'committed';
        continue;
      }
      toldCaughtUp = false;
      for (const event of events) {
        if (closing.signal.aborted) return;
        await options.onEvent(event);
        after = event.position;
      }
      // Synchronous handlers settle in microtasks: without this, catching up on a large store
      // would starve timers and I/O (an HTTP server in the same process) until the end.
      await nextMacrotask();
    }
  };

  const report = (error: unknown): void => {
    if (options.onError) options.onError(error);
    else
      process.nextTick(() => {
        throw error;
      });
  };

  // Started on a later tick, so no handler runs before subscribe() has returned.
  const stopped = Promise.resolve().then(deliver).then(undefined, report);
  return {
    stopped,
    close() {
      closing.abort();
      return stopped;
    },
  };
}
