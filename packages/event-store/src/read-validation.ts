/**
 * Checks a read's `limit` before any adapter touches its store, so every adapter refuses the same
 * values with the same error.
 *
 * @example
 * validateReadLimit(0) //=> throws RangeError('limit must be an integer ≥ 1, not 0')
 * validateReadLimit(undefined) // no limit: fine
 */
export function validateReadLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) throw new RangeError(`limit must be an integer ≥ 1, not ${String(limit)}`);
}

