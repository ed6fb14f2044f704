/** The pure parts of the competing consumers: group settings, nack decisions, names, reasons. */
import type { PersistentSubscriptionToAllSettings, Position } from '@eventstore/db-client';
import type { Checkpoint } from '../port.ts';
import { checkpointToPosition, comparePositions } from './checkpoint.ts';
import type { EsdbModule } from './client.ts';

/** How a consumer group is created (the first consumer to join creates it; later ones reuse it). */
export interface CompetingGroupOptions {
  /** retries of an event whose handler keeps failing before it is parked (default 5) */
  readonly maxRetries?: number;
  /** how long the server waits for an ack before handing the event to another consumer (default 30 s) */
  readonly messageTimeoutMs?: number;
  /**
   * Where a new group starts: `'start'` (default: like `subscribe` without a checkpoint, the
   * group sees the store's history), `'end'` (only what is appended after it is created) or a
   * checkpoint of this adapter (strictly after it: the consumer acks, unhandled, what the server
   * hands out at or before it, so give every consumer of a group the same `startFrom`).
   */
  readonly startFrom?: 'start' | 'end' | Checkpoint;
}

/**
 * The persistent-subscription settings of a new group: round robin between consumers, the
 * server's retry count equal to ours (so an event whose consumer never answers is parked after
 * as many hand-outs as one whose handler fails), and no link resolution (there are no links
 * once system events are filtered out).
 *
 * @example
 * competingGroupSettings(esdb, { maxRetries: 3 })
 * //=> { startFrom: 'start', maxRetryCount: 3, messageTimeout: 30000, consumerStrategyName: 'RoundRobin', resolveLinkTos: false }
 */
export function competingGroupSettings(
  esdb: Pick<EsdbModule, 'START' | 'END' | 'ROUND_ROBIN'>,
  options: CompetingGroupOptions = {},
): Partial<PersistentSubscriptionToAllSettings> {
  const maxRetries = options.maxRetries ?? 5;
  const messageTimeout = options.messageTimeoutMs ?? 30_000;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0) throw new RangeError(`maxRetries must be an integer ≥ 0, not ${maxRetries}`);
  if (!Number.isSafeInteger(messageTimeout) || messageTimeout < 1) {
    throw new RangeError(`messageTimeoutMs must be an integer ≥ 1, not ${messageTimeout}`);
  }
  const from = options.startFrom ?? 'start';
  return {
    startFrom: from === 'start' ? esdb.START : from === 'end' ? esdb.END : checkpointToPosition(from),
    maxRetryCount: maxRetries,
    messageTimeout,
    consumerStrategyName: esdb.ROUND_ROBIN,
    resolveLinkTos: false,
  };
}

/**
 * Which positions a consumer hands to its handler: with a checkpoint as `startFrom`, only those
 * strictly after it. The server starts a group AT its start position, so it hands out the event
 * at the checkpoint again (the last one the caller had already seen); that one is acked unhandled.
 *
 * @example
 * const isAfterStart = isAfterStartFrom('4096/4100')
 * isAfterStart({ commit: 4096n, prepare: 4100n }) //=> false
 * isAfterStart({ commit: 5000n, prepare: 5000n }) //=> true
 * isAfterStartFrom('start')({ commit: 0n, prepare: 0n }) //=> true
 */
export function isAfterStartFrom(startFrom: CompetingGroupOptions['startFrom'] = 'start'): (position: Position) => boolean {
  if (startFrom === 'start' || startFrom === 'end') return () => true;
  const start = checkpointToPosition(startFrom);
  return (position) => comparePositions(position, start) > 0;
}

/**
 * What to do with an event whose handler failed on hand-out number `retryCount` (0 the first
 * time): retry it until it has been retried `maxRetries` times, then park it (it waits in the
 * group's parked stream until an operator replays it).
 *
 * @example
 * nackActionFor(0, 5) //=> 'retry'
 * nackActionFor(5, 5) //=> 'park'
 */
export function nackActionFor(retryCount: number, maxRetries: number): 'retry' | 'park' {
  return retryCount >= maxRetries ? 'park' : 'retry';
}

/**
 * The reason sent with a nack (kept in the parked event's metadata): the error's name and
 * message on one line, at most 300 characters, never its stack.
 *
 * @example
 * failureReason(new TypeError('smtp down')) //=> 'TypeError: smtp down'
 */
export function failureReason(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * Refuses group names EventStoreDB would store badly or operators could not type: empty, longer
 * than 100 characters, or with characters other than letters, digits, `-`, `_` and `.`.
 *
 * @example
 * validateGroupName('notify') //=> undefined
 * validateGroupName('notify workers') //=> throws RangeError
 */
export function validateGroupName(group: string): void {
  if (typeof group !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(group)) {
    throw new RangeError(`a consumer group is named by 1 to 100 letters, digits, '.', '_' or '-', not ${JSON.stringify(group)}`);
  }
}
