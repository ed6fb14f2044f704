/**
 * The client's own wire messages, built as EventStoreDB sends them, and decoded by the client's
 * own code: the unit tests feed the adapter's mapping what a real read or subscription gives it,
 * without a server. (The contract suite, which needs a server, runs only with EVENTSTORE_URL.)
 */
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type * as streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type * as sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type { AllStreamResolvedEvent, AllStreamSubscription, EventData, Position } from '@eventstore/db-client';

// The generated protobuf modules and the client's internals are CommonJS without named ESM
// exports; require is the one way in (the package has no exports map, so the paths are stable
// for the pinned 6.2.1).
const require = createRequire(import.meta.url);
const streams = require('@eventstore/db-client/generated/streams_pb.js') as typeof streamsPb;
const shared = require('@eventstore/db-client/generated/shared_pb.js') as typeof sharedPb;
const { convertGrpcEvent } = require('@eventstore/db-client/dist/utils/convertGrpcEvent.js') as {
  convertGrpcEvent: (message: streamsPb.ReadResp.ReadEvent) => AllStreamResolvedEvent;
};
const { Subscription } = require('@eventstore/db-client/dist/streams/utils/Subscription.js') as {
  Subscription: new (
    createStream: () => Promise<PassThrough & { cancel(): void }>,
    convert: typeof convertGrpcEvent,
    options: object,
    checkpointReached?: (subscription: AllStreamSubscription, position: Position) => Promise<void>,
  ) => AllStreamSubscription;
};

/** What the server stored for an event: the client's event data plus where it was put. */
export interface StoredOnServer {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: Position;
  /** milliseconds since the Unix epoch; the server sends 100 ns ticks */
  readonly createdMs: number;
  readonly event: EventData;
}

/**
 * The ReadResp.ReadEvent the server sends for a stored event, the data and metadata serialised
 * as the client's append serialises them (`JSON.stringify`).
 */
export function readEventMessage(stored: StoredOnServer): streamsPb.ReadResp.ReadEvent {
  const record = new streams.ReadResp.ReadEvent.RecordedEvent();
  record.setId(new shared.UUID().setString(stored.event.id));
  record.setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(stored.stream)));
  record.setStreamRevision(stored.revision.toString());
  record.setCommitPosition(stored.position.commit.toString());
  record.setPreparePosition(stored.position.prepare.toString());
  record
    .getMetadataMap()
    .set('type', stored.event.type)
    .set('content-type', stored.event.contentType)
    .set('created', (BigInt(stored.createdMs) * 10_000n).toString());
  const data = stored.event.data instanceof Uint8Array ? stored.event.data : Buffer.from(JSON.stringify(stored.event.data));
  record.setData(data);
  if (stored.event.metadata !== undefined) {
    const metadata = stored.event.metadata;
    record.setCustomMetadata(metadata instanceof Uint8Array ? metadata : Buffer.from(JSON.stringify(metadata)));
  }
  return new streams.ReadResp.ReadEvent().setEvent(record).setCommitPosition(stored.position.commit.toString());
}

/** The resolved event the client's reads give for a stored event (decoded by the client). */
export const resolvedEvent = (stored: StoredOnServer): AllStreamResolvedEvent => convertGrpcEvent(readEventMessage(stored));

/** A client Subscription over a transport the test writes server messages into. */
export interface ScriptedSubscription {
  readonly subscription: AllStreamSubscription;
  event(stored: StoredOnServer): void;
  caughtUp(): void;
  checkpoint(position: Position): void;
  /** the server (or the network) drops the call with a gRPC status */
  fail(code: number, details: string): void;
  readonly cancelled: boolean;
}

/**
 * The client's own `Subscription` class (what `subscribeToAll` returns), reading ReadResp
 * messages from a stream the test feeds instead of a gRPC call.
 */
export function scriptedSubscription(checkpointReached?: (position: Position) => Promise<void>): ScriptedSubscription {
  const transport = Object.assign(new PassThrough({ objectMode: true }), {
    cancelled: false,
    cancel() {
      transport.cancelled = true;
      transport.destroy();
    },
  });
  const subscription = new Subscription(
    () => Promise.resolve(transport),
    convertGrpcEvent,
    {},
    checkpointReached && ((_subscription, position) => checkpointReached(position)),
  );
  transport.write(new streams.ReadResp().setConfirmation(new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId('test')));
  return {
    subscription,
    event: (stored) => void transport.write(new streams.ReadResp().setEvent(readEventMessage(stored))),
    caughtUp: () => void transport.write(new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp())),
    checkpoint: (position) =>
      void transport.write(
        new streams.ReadResp().setCheckpoint(
          new streams.ReadResp.Checkpoint().setCommitPosition(position.commit.toString()).setPreparePosition(position.prepare.toString()),
        ),
      ),
    fail(code, details) {
      const error = Object.assign(new Error(`${code} ${details}`), { code, details, metadata: { getMap: () => ({}) } });
      transport.emit('error', error);
    },
    get cancelled() {
      return transport.cancelled;
    },
  };
}
