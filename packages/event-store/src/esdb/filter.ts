/**
 * The server-side filter of every $all subscription of the adapter, catch-up and persistent:
 * EventStoreDB's own events (types starting with `$`: stream metadata, projection links, stats,
 * persistent-subscription checkpoints) never reach the services.
 */
import type { AllStreamSubscription, Position, RegexFilter } from '@eventstore/db-client';
import type { EsdbModule } from './client.ts';

/**
 * The client's `excludeSystemEvents()` filter, with `checkpointReached` wired to `onCheckpoint`
 * (every `checkpointInterval` windows of scanned events, default 1).
 *
 * @example
 * userEventsFilter(esdb, async (position) => keep(position))
 * //=> { filterOn: 'eventType', regex: '^[^$].*', checkpointInterval: 1, checkpointReached: … }
 */
export function userEventsFilter(
  esdb: Pick<EsdbModule, 'excludeSystemEvents'>,
  onCheckpoint?: (position: Position) => Promise<void> | void,
  checkpointInterval = 1,
): RegexFilter {
  return esdb.excludeSystemEvents({
    checkpointInterval,
    ...(onCheckpoint === undefined
      ? {}
      : { checkpointReached: (_subscription: AllStreamSubscription, position: Position) => onCheckpoint(position) }),
  });
}
