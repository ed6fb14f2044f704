/**
 * The port's `subscribe` on an EventStoreDB catch-up subscription to $all.
 *
 * - The server filters EventStoreDB's own events out (`excludeSystemEvents()`), and reports
 *   `checkpointReached` while it scans past them; the subscription keeps that position as well
 *   as the position of each event it delivers.
 * - When the subscription drops (leader election, a node restart, the network), it is opened
 *   again from the position it kept, after a backoff; events at or before that position are
 *   skipped, so nothing is delivered twice nor skipped. Fatal errors (access denied…) and handler
 *   rejections stop it and reach `onError`, as the port says.
 * - The client reads ahead: `caughtUp` and `checkpointReached` arrive while events before them
 *   may still wait in its buffer. Both take effect only once those events are handled, which is
 *   what {@link createDeliveryLedger} counts.
 */
import type { AllStreamSubscription, Position } from '@eventstore/db-client';
import type { Checkpoint, SubscribeOptions, Subscription } from '../port.ts';
import { backoffDelay, pause, type BackoffOptions } from './backoff.ts';
import { checkpointToPosition, comparePositions } from './checkpoint.ts';
import { isTransientEsdbError } from './client-errors.ts';
import { isSystemEventType, toRecordedEvent } from './events.ts';
import { reportStop } from './report-stop.ts';

/** How {@link startEsdbSubscription} opens (and re-opens) the server's subscription. */
export interface EsdbSubscriptionSource {
  /**
   * Subscribes to $all after `from` (from the start if undefined) with the server-side filter
   * that excludes system events, calling `checkpointReached` as the filter's callback.
   */
  open(from: Position | undefined, checkpointReached: (position: Position) => Promise<void>): Promise<AllStreamSubscription>;
}

/** Options of {@link startEsdbSubscription} beyond the port's. */
export interface EsdbSubscriptionOptions {
  readonly backoff?: BackoffOptions;
  /** told of each drop that is retried (for logs and metrics) */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** A running subscription; `stopped` resolves (never rejects) when it has ended, for whatever reason. */
export interface EsdbSubscription extends Subscription {
  readonly stopped: Promise<void>;
}

/** A rejection of the port's handler or of onCaughtUp: it stops the subscription. */
class HandlerFailure extends Error {
  constructor(readonly failure: unknown) {
    super('a subscription handler failed');
  }
}

/** The server ended a subscription without an error: it never should, so it is opened again. */
class SubscriptionEnded extends Error {
  constructor() {
    super('EventStoreDB ended the subscription');
  }
}

/**
 * Delivers the events of $all strictly after `options.from`, in order, one handler at a time,
 * then stays live; re-opens the server's subscription after transient failures.
 *
 * @example
 * startEsdbSubscription(source, { from: '1234/1234', onEvent: project, onCaughtUp: markReady })
 * //=> { close, stopped }
 */
export function startEsdbSubscription(
  source: EsdbSubscriptionSource,
  options: SubscribeOptions,
  settings: EsdbSubscriptionOptions = {},
): EsdbSubscription {
  const closing = new AbortController();
  let current: AllStreamSubscription | undefined;
  // Where to resume after a drop: the last event handled, or a later checkpoint of the filter.
  let resumeAfter = options.from === undefined ? undefined : checkpointToPosition(options.from);
  let delivered: Checkpoint | undefined = options.from;
  let attempt = 0;

  const keep = (position: Position) => {
    if (!resumeAfter || comparePositions(position, resumeAfter) > 0) resumeAfter = position;
  };

  const consume = async (subscription: AllStreamSubscription, ledger: DeliveryLedger) => {
    subscription.on('caughtUp', () => {
      attempt = 0;
      ledger.mark(subscription.readableLength, () => {
        try {
          options.onCaughtUp?.(delivered);
        } catch (error) {
          subscription.destroy(new HandlerFailure(error));
        }
      });
    });
    for await (const resolved of subscription) {
      ledger.received();
      if (closing.signal.aborted) return;
      const event = resolved.event;
      if (event?.position && !(resumeAfter && comparePositions(event.position, resumeAfter) <= 0)) {
        if (!isSystemEventType(event.type)) {
          const recorded = toRecordedEvent(resolved);
          try {
            await options.onEvent(recorded);
          } catch (error) {
            throw new HandlerFailure(error);
          }
          delivered = recorded.position;
          attempt = 0;
        }
        keep(event.position);
      }
      ledger.handled();
    }
    if (!closing.signal.aborted) throw new SubscriptionEnded();
  };

  const drop = async () => {
    const dropped = current;
    current = undefined;
    if (dropped) await unsubscribe(dropped);
  };

  const run = async (): Promise<void> => {
    while (!closing.signal.aborted) {
      const ledger = createDeliveryLedger();
      try {
        let opened: AllStreamSubscription | undefined;
        const subscription = await source.open(resumeAfter, async (position) => {
          // Kept only once every event read before this checkpoint is handled.
          await ledger.drained(opened?.readableLength ?? 0);
          keep(position);
        });
        opened = current = subscription;
        if (closing.signal.aborted) return;
        await consume(subscription, ledger);
      } catch (error) {
        if (closing.signal.aborted) return;
        if (error instanceof HandlerFailure) throw error.failure;
        if (!(error instanceof SubscriptionEnded) && !isTransientEsdbError(error)) throw error;
        ledger.release();
        await drop();
        attempt += 1;
        const delayMs = backoffDelay(attempt, settings.backoff);
        settings.onRetry?.(error, attempt, delayMs);
        await pause(delayMs, closing.signal);
      } finally {
        ledger.release();
        await drop();
      }
    }
  };

  // Started on a later tick, so no handler runs before subscribe() has returned.
  const stopped = Promise.resolve()
    .then(run)
    .then(undefined, (error: unknown) => reportStop(error, options.onError));
  return {
    stopped,
    async close() {
      if (!closing.signal.aborted) {
        closing.abort();
        // Ends the iteration; the handler in progress (if any) is awaited by `stopped`.
        if (current) await unsubscribe(current);
      }
      return stopped;
    },
  };
}

async function unsubscribe(subscription: AllStreamSubscription): Promise<void> {
  // Nobody iterates it any more: a late error of the call must not become an uncaught 'error'.
  subscription.on('error', () => undefined);
  try {
    await subscription.unsubscribe();
  } catch {
    // already gone
  }
  subscription.destroy();
}

/**
 * Counts events read from the client against events handled, so that a signal the client gives
 * ahead of its buffer (caught up, checkpoint reached) takes effect after the events before it.
 */
export interface DeliveryLedger {
  /** one more event was taken from the client's buffer */
  received(): void;
  /** the event last received is handled; runs the marks that were waiting for it */
  handled(): void;
  /** runs `action` once every event received so far, and the `buffered` still queued, is handled */
  mark(buffered: number, action: () => void): void;
  /** resolves once every event received so far, and the `buffered` still queued, is handled */
  drained(buffered: number): Promise<void>;
  /** resolves every pending `drained` (the subscription is going away) and drops the marks */
  release(): void;
}

/**
 * A {@link DeliveryLedger}.
 *
 * @example
 * const ledger = createDeliveryLedger()
 * ledger.received(); ledger.mark(2, tellCaughtUp) // 1 in hand, 2 still buffered
 * ledger.handled(); ledger.received(); ledger.handled(); ledger.received(); ledger.handled()
 * //=> tellCaughtUp runs now, after the third
 */
export function createDeliveryLedger(): DeliveryLedger {
  let received = 0;
  let handled = 0;
  const marks: { at: number; run: () => void }[] = [];
  const run = () => {
    while (marks.length > 0 && marks[0]!.at <= handled) marks.shift()!.run();
  };
  const mark = (buffered: number, action: () => void) => {
    marks.push({ at: received + buffered, run: action });
    run();
  };
  const pending = new Set<() => void>();
  return {
    received: () => void (received += 1),
    handled() {
      handled += 1;
      run();
    },
    mark,
    drained: (buffered) =>
      new Promise<void>((resolve) => {
        pending.add(resolve);
        mark(buffered, () => {
          pending.delete(resolve);
          resolve();
        });
      }),
    release() {
      marks.length = 0;
      for (const resolve of pending) resolve();
      pending.clear();
    },
  };
}
