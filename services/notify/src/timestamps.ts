import type { Temporal } from '@meridian/domain';

/**
 * An instant as the notify database stores it: always three fractional digits, so that stored
 * timestamps compare correctly as text (`…00Z` would sort after `…00.500Z`).
 *
 * @example
 * storedTimestamp(Temporal.Instant.from('2025-11-20T00:00:00Z')) //=> '2025-11-20T00:00:00.000Z'
 */
export const storedTimestamp = (instant: Temporal.Instant): string => instant.toString({ fractionalSecondDigits: 3 });
