/** Shared helpers of the event-store contract suite. */
import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import type { Checkpoint, EventStore, NewEvent, RecordedEvent } from '../../src/port.ts';

/** What the contract needs to know about an adapter; see `eventStoreContract`. */
export interface EventStoreContractFactory {
  /**
   * Opens a new client on the storage under test. Every client of one run reaches the same data
   * (the same SQLite file, the same cluster): the suite uses two at once to race writers, and
   * closes one and opens another to check what persists. The storage may hold other events.
   */
  open(): Promise<EventStore>;
  /** the longest wait for a live event before a test fails (default 5000 ms) */
  readonly liveTimeoutMs?: number;
  /** how long the suite watches that nothing more arrives (default 300 ms: above any poll interval) */
  readonly quietMs?: number;
  /**
   * whether an id stored in one stream makes an append of it to another a DuplicateEventIdError
   * (default true); false for a store that keeps no index of event ids across streams
   * (EventStoreDB), whose cases that need one are then skipped
   */
  readonly detectsIdsAcrossStreams?: boolean;
}

/** The factory with its defaults filled in, plus an `open` that closes the client after the test. */
export interface ContractContext {
  open(t: Test): Promise<EventStore>;
  readonly liveTimeoutMs: number;
  readonly quietMs: number;
  /** the options of a test that reuses an id in another stream: skipped where it cannot hold */
  readonly acrossStreams: { readonly skip: string | false };
}

/** Fills in the factory's defaults. */
export function contractContext(factory: EventStoreContractFactory): ContractContext {
  return {
    liveTimeoutMs: factory.liveTimeoutMs ?? 5000,
    quietMs: factory.quietMs ?? 300,
    acrossStreams: { skip: factory.detectsIdsAcrossStreams === false ? 'this store keeps no index of event ids across streams' : false },
    async open(t) {
      const store = await factory.open();
      t.teardown(() => store.close());
      return store;
    },
  };
}

/** A stream name no other test (nor another run against a shared server) uses. */
export const newStream = (): string => `contract-${randomUUID()}`;

/** A fresh event with a new id. */
export function newEvent(data: unknown = { n: Math.random() }, type = 'ContractChecked'): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: { actor: 'contract', correlationId: randomUUID(), causationId: null, occurredAt: '2025-11-26T08:20:00.000Z' },
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The rejection reason of `promise`, or a failure of `t` if it resolves. */
export async function rejectionOf(t: Test, promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  t.fail('expected a rejection');
  return undefined;
}

/** Asserts that `promise` rejects with an instance of `type` whose fields match `fields`. */
export async function rejectsWith(
  t: Test,
  promise: Promise<unknown>,
  type: new (...args: never[]) => Error,
  fields: Record<string, unknown> = {},
): Promise<void> {
  const error = await rejectionOf(t, promise);
  t.type(error, type, `rejects with ${type.name}`);
  t.match(error, fields);
}

/** The ids of `events`, for comparing what was stored with what was sent. */
export const idsOf = (events: readonly { id: string }[]): string[] => events.map((event) => event.id);

/** A subscription that records what it is given, restricted to some streams. */
export interface Watcher {
  /** delivered events of the watched streams, in delivery order */
  readonly events: RecordedEvent[];
  /** every checkpoint `onCaughtUp` was called with */
  readonly caughtUp: (Checkpoint | undefined)[];
  readonly errors: unknown[];
  /** resolves once `count` events of the watched streams have arrived */
  until(count: number): Promise<void>;
  /** resolves once `onCaughtUp` has been called at least `count` times */
  untilCaughtUp(count?: number): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link watch}. */
export interface WatchOptions {
  readonly from?: Checkpoint;
  readonly streams: readonly string[];
  readonly onEvent?: (event: RecordedEvent) => void | Promise<void>;
}

/** Subscribes to `store`, recording the events of `options.streams`; closed after the test. */
export function watch(t: Test, context: ContractContext, store: EventStore, options: WatchOptions): Watcher {
  const streams = new Set(options.streams);
  const events: RecordedEvent[] = [];
  const caughtUp: (Checkpoint | undefined)[] = [];
  const errors: unknown[] = [];
  const subscription = store.subscribe({
    ...(options.from === undefined ? {} : { from: options.from }),
    onEvent: async (event) => {
      if (streams.has(event.stream)) events.push(event);
      await options.onEvent?.(event);
    },
    onCaughtUp: (checkpoint) => caughtUp.push(checkpoint),
    onError: (error) => errors.push(error),
  });
  t.teardown(() => subscription.close());
  const waitUntil = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + context.liveTimeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(5);
    }
  };
  return {
    events,
    caughtUp,
    errors,
    until: (count) => waitUntil(() => events.length >= count, `${count} events (have ${events.length})`),
    untilCaughtUp: (count = 1) => waitUntil(() => caughtUp.length >= count, 'onCaughtUp'),
    close: () => subscription.close(),
  };
}
