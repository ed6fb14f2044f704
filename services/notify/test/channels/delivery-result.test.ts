import t from 'tap';
import { Temporal } from '@meridian/domain';
import { nextAttemptDelay } from '../../src/channels/delivery-result.ts';
import { parseRetryAfter } from '../../src/channels/retry-after.ts';

const backoff = { baseMs: 1000, maxMs: 60_000 };

t.test('the ceiling doubles with every attempt and stops at maxMs', async (t) => {
  const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 30, 2000].map((attempt) => nextAttemptDelay(attempt, { ...backoff, random: () => 0.999999 }));
  t.same(ceilings, [999, 1999, 3999, 7999, 15_999, 31_999, 59_999, 59_999, 59_999, 59_999]);
});

t.test('full jitter draws uniformly between 0 and the ceiling', async (t) => {
  t.equal(nextAttemptDelay(3, { ...backoff, random: () => 0 }), 0);
  t.equal(nextAttemptDelay(3, { ...backoff, random: () => 0.5 }), 2000);
  const delays = Array.from({ length: 2000 }, () => nextAttemptDelay(4, { ...backoff, random: Math.random }));
  t.ok(delays.every((delay) => delay >= 0 && delay < 8000), 'every delay within [0, 8000)');
  const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length;
  t.ok(mean > 3500 && mean < 4500, `mean ${Math.round(mean)} ms is about half the ceiling`);
  t.ok(new Set(delays).size > 1000, 'retries of many deliveries are spread, not synchronised');
});

t.test('Retry-After takes precedence over the backoff, capped', async (t) => {
  t.equal(nextAttemptDelay(1, { ...backoff, random: () => 0.9, retryAfterMs: 7000 }), 7000);
  t.equal(nextAttemptDelay(9, { ...backoff, random: () => 0.9, retryAfterMs: 0 }), 0);
  t.equal(nextAttemptDelay(1, { ...backoff, random: () => 0.9, retryAfterMs: 86_400_000 }), 60_000, 'capped at maxMs by default');
  t.equal(nextAttemptDelay(1, { ...backoff, random: () => 0.9, retryAfterMs: 86_400_000, maxRetryAfterMs: 3_600_000 }), 3_600_000);
});

t.test('nonsense attempts and bounds are refused', async (t) => {
  t.throws(() => nextAttemptDelay(0, { ...backoff, random: Math.random }), RangeError);
  t.throws(() => nextAttemptDelay(1.5, { ...backoff, random: Math.random }), RangeError);
  t.throws(() => nextAttemptDelay(1, { baseMs: 0, maxMs: 10, random: Math.random }), RangeError);
  t.throws(() => nextAttemptDelay(1, { baseMs: 100, maxMs: 10, random: Math.random }), RangeError);
});

t.test('Retry-After is read as delay-seconds or as any of the three HTTP-date forms, in GMT', async (t) => {
  const now = Temporal.Instant.from('2025-11-26T08:20:00Z');
  t.equal(parseRetryAfter('7', now), 7000);
  t.equal(parseRetryAfter(' 120 ', now), 120_000);
  t.equal(parseRetryAfter('Wed, 26 Nov 2025 08:20:30 GMT', now), 30_000, 'IMF-fixdate');
  t.equal(parseRetryAfter('Wednesday, 26-Nov-25 08:21:00 GMT', now), 60_000, 'RFC 850');
  t.equal(parseRetryAfter('Wed Nov 26 08:20:05 2025', now), 5000, 'asctime, read as GMT whatever the host zone');
  t.equal(parseRetryAfter('Wed Nov  6 08:20:05 2025', Temporal.Instant.from('2025-11-06T08:20:00Z')), 5000, 'asctime with a one-digit day');
  t.equal(parseRetryAfter('Tue, 25 Nov 2025 08:20:00 GMT', now), 0, 'a date in the past means now');
  t.equal(parseRetryAfter(undefined, now), undefined);
  t.equal(parseRetryAfter('soon', now), undefined);
  t.equal(parseRetryAfter('-5', now), undefined);
  t.equal(parseRetryAfter('Wed, 31 Feb 2025 08:20:30 GMT', now), undefined, 'an impossible date');
});
