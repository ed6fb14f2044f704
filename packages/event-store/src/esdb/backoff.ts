/** How long to wait before opening a dropped subscription again. */
import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link backoffDelay}; also the `resubscribe` options of the adapter. */
export interface BackoffOptions {
  /** the pause before the first retry (default 100 ms) */
  readonly initialDelayMs?: number;
  /** the longest pause (default 10 s) */
  readonly maxDelayMs?: number;
}

/**
 * The pause before retry number `attempt` (1, 2, …): exponential from `initialDelayMs`, capped at
 * `maxDelayMs`, with "equal jitter" (half fixed, half random) so that the workers of a fleet,
 * dropped together by a leader election, do not come back together.
 *
 * @example
 * backoffDelay(1, {}, () => 0) //=> 50 (half of 100 ms, no jitter drawn)
 * backoffDelay(4, {}, () => 1) //=> 800
 * backoffDelay(30, { maxDelayMs: 10_000 }, () => 1) //=> 10000
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const initial = options.initialDelayMs ?? 100;
  const max = options.maxDelayMs ?? 10_000;
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer ≥ 1, not ${attempt}`);
  if (!(initial > 0) || !(max >= initial)) throw new RangeError(`need 0 < initialDelayMs ≤ maxDelayMs, not ${initial} and ${max}`);
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt - 1, 52));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Waits `ms`, or less if `signal` aborts first (then it resolves, it does not throw). */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // aborted: the caller looks at the signal
  }
}
