/**
 * The port's events ↔ EventStoreDB's event data and recorded events.
 *
 * Data and metadata are stored as JSON (`application/json`), so EventStoreDB's projections and
 * its admin UI can read them. The metadata is the port's envelope metadata as it is, plus
 * `$correlationId` and `$causationId`: the names EventStoreDB's `$by_correlation_id` projection
 * reads. Those two are dropped again when an event is read, so a round trip is exact.
 */
import type { AllStreamResolvedEvent, JSONEventData, ResolvedEvent } from '@eventstore/db-client';
import { eventJson } from '../append-validation.ts';
import type { EventMetadata, NewEvent, RecordedEvent } from '../port.ts';
import { positionToCheckpoint } from './checkpoint.ts';
import { versionOfRevision } from './mapping.ts';

/**
 * Whether EventStoreDB itself wrote this event type (`$metadata`, `$>` links, `$ProjectionCreated`,
 * stats…). The same rule as the server-side filter of `excludeSystemEvents()` (regex `^[^$].*`),
 * applied where the client has no server-side filter (reads of $all).
 *
 * @example
 * isSystemEventType('$metadata') //=> true
 * isSystemEventType('MeetingCreated') //=> false
 */
export const isSystemEventType = (type: string): boolean => !/^[^$]/.test(type);

/**
 * The event data the client appends for a port event. Data or metadata that JSON cannot carry
 * (undefined, a function, a bigint, a cycle) is refused as the SQLite adapter refuses it.
 *
 * @example
 * toEventData('meeting-1', { id, type: 'MeetingCreated', data: { title: 'Plenary' }, metadata })
 * //=> { id, contentType: 'application/json', type: 'MeetingCreated', data: { title: 'Plenary' },
 * //     metadata: { ...metadata, $correlationId: metadata.correlationId, $causationId: … } }
 */
export function toEventData(stream: string, event: NewEvent): JSONEventData {
  eventJson(stream, event, 'data');
  eventJson(stream, event, 'metadata');
  const { correlationId, causationId } = event.metadata;
  const metadata: Record<string, unknown> = { ...event.metadata };
  if (typeof correlationId === 'string') metadata.$correlationId = correlationId;
  if (typeof causationId === 'string') metadata.$causationId = causationId;
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    // The client serialises with JSON.stringify, which takes any JSON value (null, numbers too).
    data: event.data as JSONEventData['data'],
    metadata,
  };
}

/**
 * The port's recorded event for an event the client read or was sent. Needs the event's $all
 * position, which servers from 22.6 on include in every read.
 *
 * @example
 * toRecordedEvent({ event: { streamId: 'meeting-1', revision: 0n, position: { commit: 9n, prepare: 9n }, created, … } })
 * //=> { stream: 'meeting-1', version: 1, position: '9/9', recordedAt: created.toISOString(), … }
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB sent a resolved event without its event (an unresolved link?)');
  if (!event.position) {
    throw new Error(`EventStoreDB sent event ${event.id} without its $all position: this adapter needs a server ≥ 22.6`);
  }
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: fromStoredMetadata(event.metadata),
    stream: event.streamId,
    version: versionOfRevision(event.revision),
    position: positionToCheckpoint(event.position),
    recordedAt: event.created.toISOString(),
  };
}

/** The port's metadata from what was stored: without the `$` names {@link toEventData} added. */
export function fromStoredMetadata(stored: unknown): EventMetadata {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored) || stored instanceof Uint8Array) {
    // Not written by this adapter (another writer on a shared cluster): handed on as it is.
    return (stored ?? {}) as EventMetadata;
  }
  const { $correlationId, $causationId, ...rest } = stored as Record<string, unknown>;
  const metadata: Record<string, unknown> = rest;
  // Dropped only when they merely repeat the envelope's fields; another writer's values stay.
  if ($correlationId !== undefined && $correlationId !== rest.correlationId) metadata.$correlationId = $correlationId;
  if ($causationId !== undefined && $causationId !== rest.causationId) metadata.$causationId = $causationId;
  return metadata as unknown as EventMetadata;
}
