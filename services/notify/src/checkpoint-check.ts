import { InvalidCheckpointError, StoreUnavailableError, StreamDeletedError, type EventStore, type RecordedEvent } from '@meridian/event-store';
import type { FastifyBaseLogger } from 'fastify';

/** The last event the reactor handled: where it is in the store, and which event is there. */
export type HandledEvent = Pick<RecordedEvent, 'position' | 'stream' | 'version' | 'id'>;

/**
 * The reactor's checkpoint names an event the store does not hold there: the store is not the one
 * this notify database followed (restored from an older backup, which hands the later positions
 * out again to new events; or another store). Started anyway, the reactor would take the new
 * events at those positions for ones it handled, and never tell anyone of them.
 */
export class CheckpointNotInStoreError extends Error {
  readonly code = 'CHECKPOINT_NOT_IN_STORE';
  constructor(readonly handled: HandledEvent) {
    super(
      `the notify database has handled the events up to ${handled.id} (${handled.stream} version ${handled.version}, position ${handled.position}), ` +
        'which the event store does not hold: was the store restored from an older backup (or is this a node that has not caught up)? ' +
        "Restore the notify database from a copy taken with the store's, or before it (deploy/README.md, Backups)",
    );
    this.name = 'CheckpointNotInStoreError';
  }
}

/**
 * Resolves once `store` is known to hold `handled`, the event at the reactor's checkpoint, or
 * cannot tell (a stream an operator deleted); rejects with CheckpointNotInStoreError when it does
 * not hold it. A store that does not answer is asked again after each `pause`, as the
 * subscription would; a pause that answers false (closing) ends the check unfinished.
 *
 * @example
 * await checkStoreHoldsCheckpoint(store, { position: '42', stream: 'meeting-1', version: 7, id }, { log, pause })
 */
export const checkStoreHoldsCheckpoint = async (
  store: EventStore,
  handled: HandledEvent,
  { log, pause }: { log: FastifyBaseLogger; pause: () => Promise<boolean> },
): Promise<void> => {
  let stored: RecordedEvent | undefined;
  for (;;) {
    try {
      [stored] = await store.readStream(handled.stream, { afterVersion: handled.version - 1, limit: 1 });
      break;
    } catch (error) {
      // An operator deleted the stream (EventStoreDB): its events are gone, not the positions after them.
      if (error instanceof StreamDeletedError) {
        log.warn({ checkpoint: handled }, 'the stream of the event saved with the reactor checkpoint was deleted; not checked');
        return;
      }
      // A cluster electing a leader, a node restarting.
      if (!(error instanceof StoreUnavailableError)) throw error;
      log.warn({ err: error }, 'the event store does not answer; checking the reactor checkpoint again shortly');
      if (!(await pause())) return;
    }
  }
  if (stored?.id !== handled.id) throw new CheckpointNotInStoreError(handled);
  // The event is there, but not at the saved position: an earlier version of this service (a
  // rollback) moved the position alone since, and the event saved is an older one. The position
  // can still be told to be beyond the store's head (an SQLite store refuses it); the next save
  // records its event.
  if (stored.position !== handled.position) {
    log.warn({ checkpoint: handled }, 'the event saved with the reactor checkpoint is older than its position; checking the position alone');
    await store.readAll({ after: handled.position, limit: 1 }).catch((error: unknown) => {
      throw error instanceof InvalidCheckpointError ? new CheckpointNotInStoreError(handled) : error;
    });
  }
};
