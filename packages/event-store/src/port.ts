/**
 * The event-store port: what every adapter (SQLite, EventStoreDB) offers, and what the services
 * rely on. Rules (DESIGN.md, "Event store rules"):
 * - a stream's version is its number of events; 0 means "no stream";
 * - `append` is atomic and checks `expectedVersion` exactly (there is no "any");
 * - every event has a UUID; re-appending a batch whose ids are already stored as that batch is a
 *   no-op that answers the original result (idempotent retries);
 * - every event gets a global position; checkpoints are opaque strings; `subscribe` delivers
 *   events strictly after its checkpoint, in global order, then stays live.
 */

export interface EventMetadata {
  /** who caused it: an organiser id, `system`, or a subscriber id */
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId?: string | null;
  /** ISO 8601 instant, from the service clock */
  readonly occurredAt: string;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** UUID chosen by the writer, so that a retried append is recognised */
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  readonly stream: string;
  /** 1-based: the stream's version once this event is stored */
  readonly version: number;
  /** opaque checkpoint of this event in the global order */
  readonly position: Checkpoint;
  /** ISO 8601 instant at which the store committed it */
  readonly recordedAt: string;
}

/** Opaque, adapter-specific, comparable only by the adapter that issued it. */
export type Checkpoint = string;

export interface AppendOptions {
  /** the stream's version the writer decided on; 0 = the stream must not exist */
  readonly expectedVersion: number;
}

export interface AppendResult {
  /** the stream's version after the append */
  readonly version: number;
  /** checkpoint of the last event appended */
  readonly position: Checkpoint;
}

export interface ReadStreamOptions {
  /** read events with a version strictly greater than this (default 0: all) */
  readonly afterVersion?: number;
  /** at most this many events, the first ones (default: all) */
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** read events strictly after this checkpoint (default: from the beginning) */
  readonly after?: Checkpoint;
  readonly limit?: number;
}

export interface SubscribeOptions {
  /** deliver events strictly after this checkpoint; undefined = from the beginning */
  readonly from?: Checkpoint;
  /**
   * Called once per event, in global order, never concurrently. The next event is delivered only
   * after the returned promise settles; a rejection stops the subscription and reaches `onError`.
   */
  readonly onEvent: (event: RecordedEvent) => void | Promise<void>;
  /** called each time the subscription has delivered everything stored so far */
  readonly onCaughtUp?: (checkpoint: Checkpoint | undefined) => void;
  /** called when the subscription stops on an error (a handler rejection or a store failure) */
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** stops delivering; resolves once the handler in progress (if any) has settled */
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * rejects with WrongExpectedVersionError, DuplicateEventIdError, InvalidAppendError,
   * StreamDeletedError (a stream an operator deleted), or StoreUnavailableError (retry shortly;
   * its `mayHaveWritten` says whether the batch may be stored all the same)
   */
  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * a stream that does not exist reads empty; one an operator deleted rejects with
   * StreamDeletedError; an EventStoreDB cluster that does not answer, with StoreUnavailableError
   */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options: SubscribeOptions): Subscription;
  /** the checkpoint of the newest stored event (undefined for an empty store) */
  headCheckpoint(): Promise<Checkpoint | undefined>;
  close(): Promise<void>;
}
