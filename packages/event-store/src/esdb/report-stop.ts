/** How a subscription or a consumer that stopped on an error tells of it. */

/**
 * Hands the error that stopped a subscription to `onError`; without one, throws it as an uncaught
 * exception, because a projection that silently stops is worse than a process that crashes and
 * resumes from its checkpoint. An `onError` that throws is thrown the same way, on the next
 * tick: never into the subscription's `stopped`, which must settle so that the store's `close()`
 * goes on to dispose of the client.
 *
 * @example
 * reportStop(new Error('access denied'), (error) => log.error(error)) // logged
 * reportStop(new Error('access denied'), undefined) // thrown on the next tick
 */
export function reportStop(error: unknown, onError: ((error: unknown) => void) | undefined): void {
  if (!onError) return throwOnNextTick(error);
  try {
    onError(error);
  } catch (failure) {
    throwOnNextTick(failure);
  }
}

function throwOnNextTick(error: unknown): void {
  process.nextTick(() => {
    throw error;
  });
}
