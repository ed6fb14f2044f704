/**
 * What one delivery attempt of a channel came to, and when the outbox tries again.
 *
 * - `delivered`: the receiver took it (2xx, SMTP 250).
 * - `retry`: a failure that may pass (timeout, connection error, an HTTP answer other than 2xx
 *   and 410, SMTP 4xx); try again later, no sooner than `retryAfterMs` when the receiver said so.
 * - `gone`: the receiver says the endpoint no longer exists (HTTP 410): disable the endpoint.
 * - `failed`: a permanent failure (SMTP 5xx, a refused target, a bad secret): park the message
 *   without further retries, keeping `reason` for the operator.
 */
export type DeliveryResult =
  | { readonly outcome: 'delivered'; readonly detail?: string }
  | { readonly outcome: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly outcome: 'gone'; readonly reason: string }
  | { readonly outcome: 'failed'; readonly reason: string };

/** How `nextAttemptDelay` spreads retries. */
export interface NextAttemptDelayOptions {
  /** the ceiling of the first retry's delay; it doubles with every further attempt */
  readonly baseMs: number;
  /** the largest ceiling the doubling reaches */
  readonly maxMs: number;
  /** a source of uniform numbers in [0, 1): `Math.random` in production, a fixed one in tests */
  readonly random: () => number;
  /** the receiver's `Retry-After`, in milliseconds: it takes precedence over the backoff */
  readonly retryAfterMs?: number | undefined;
  /** the longest `Retry-After` honoured (a receiver asking for a week is capped); default `maxMs` */
  readonly maxRetryAfterMs?: number | undefined;
}

/**
 * The delay before the next attempt, after `attempt` failed attempts (1 for the first failure):
 * exponential backoff with full jitter, a uniform draw in [0, min(maxMs, baseMs · 2^(attempt-1))),
 * so that thousands of deliveries failing together do not retry together. A `Retry-After` from the
 * receiver takes precedence, capped at `maxRetryAfterMs` (default `maxMs`).
 *
 * @example
 * nextAttemptDelay(3, { baseMs: 1000, maxMs: 60_000, random: () => 0.5 })
 * //=> 2000 (half of the 4000 ms ceiling of the third attempt)
 * nextAttemptDelay(1, { baseMs: 1000, maxMs: 60_000, random: () => 0.5, retryAfterMs: 7000 })
 * //=> 7000
 */
export const nextAttemptDelay = (attempt: number, options: NextAttemptDelayOptions): number => {
  const { baseMs, maxMs, random, retryAfterMs } = options;
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer ≥ 1, got ${attempt}`);
  if (!(baseMs > 0) || !(maxMs >= baseMs)) throw new RangeError(`need 0 < baseMs ≤ maxMs, got ${baseMs} and ${maxMs}`);
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.min(Math.ceil(retryAfterMs), options.maxRetryAfterMs ?? maxMs);
  }
  // 2 ** attempt overflows to Infinity for huge attempts; Math.min keeps the ceiling finite.
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(draw * ceiling), ceiling);
};
