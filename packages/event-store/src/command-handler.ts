import { randomUUID } from 'node:crypto';
import type { AppendResult, EventMetadata, EventStore } from './port.ts';
import { WrongExpectedVersionError } from './errors.ts';

/** An aggregate as a decider (Emmett's shape): pure functions, no I/O. */
export interface Decider<State, Command, Event extends { type: string; data: unknown }> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A stream folded up to a version. */
export interface Aggregate<State> {
  readonly state: State;
  readonly version: number;
}

/** Where folded aggregates are kept between commands (a cache, or a read model that holds them anyway). */
export interface AggregateStore<State> {
  get(stream: string): Aggregate<State> | undefined;
  /** keeps the aggregate unless a newer version is already kept */
  set(stream: string, aggregate: Aggregate<State>): void;
}

/**
 * Folded aggregates kept between commands, so a command reads only the events appended since
 * (usually none) instead of the whole stream. Least recently used entries are dropped past `limit`.
 */
export class AggregateCache<State> implements AggregateStore<State> {
  readonly #entries = new Map<string, Aggregate<State>>();
  constructor(readonly limit = 10_000) {}

  get(stream: string): Aggregate<State> | undefined {
    const entry = this.#entries.get(stream);
    if (entry !== undefined) {
      this.#entries.delete(stream);
      this.#entries.set(stream, entry);
    }
    return entry;
  }

  set(stream: string, aggregate: Aggregate<State>): void {
    const kept = this.#entries.get(stream);
    if (kept !== undefined && kept.version > aggregate.version) return;
    this.#entries.delete(stream);
    this.#entries.set(stream, aggregate);
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

export interface HandleCommandOptions<State> {
  readonly metadata: Omit<EventMetadata, 'causationId'> & { causationId?: string | null };
  /** the version the caller saw (HTTP If-Match): a mismatch fails before deciding */
  readonly expectedVersion?: number;
  /**
   * How many times to decide again on a fresh state when another writer appended first. Zero by
   * default: only the caller knows whether its command still means the same on a newer state.
   */
  readonly retriesOnConflict?: number;
  readonly cache?: AggregateStore<State>;
  readonly newEventId?: () => string;
}

export interface HandledCommand<State, Event> {
  readonly events: readonly Event[];
  readonly state: State;
  /** the stream's version after the command (unchanged when it decided nothing) */
  readonly version: number;
  readonly append: AppendResult | null;
}

/**
 * Loads a stream, decides, and appends the events with the version it decided on.
 *
 * @example
 * await handleCommand(store, 'meeting-1', meetingDecider, command, { metadata })
 * //=> { events: [{ type: 'SessionRescheduled', … }], version: 7, … }
 */
export const handleCommand = async <State, Command, Event extends { type: string; data: unknown }>(
  store: EventStore,
  stream: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  options: HandleCommandOptions<State>,
): Promise<HandledCommand<State, Event>> => {
  const newEventId = options.newEventId ?? randomUUID;
  for (let attempt = 0; ; attempt += 1) {
    // 1. aggregate the stream (from the cache, plus whatever was appended since)
    const current = await aggregate(store, stream, decider, options.cache);
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      throw new WrongExpectedVersionError(stream, options.expectedVersion, current.version);
    }
    // 2. decide
    const events = decider.decide(command, current.state);
    if (events.length === 0) return { events, state: current.state, version: current.version, append: null };
    // 3. append with the expected version
    const metadata = { causationId: null, ...options.metadata };
    const toAppend = events.map((event) => ({ id: newEventId(), type: event.type, data: event.data, metadata }));
    try {
      const append = await store.append(stream, toAppend, { expectedVersion: current.version });
      const state = events.reduce(decider.evolve, current.state);
      options.cache?.set(stream, { state, version: append.version });
      return { events, state, version: append.version, append };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= (options.retriesOnConflict ?? 0)) throw error;
    }
  }
};

/** Folds a stream into its aggregate, starting from a cached fold when there is one. */
export const aggregate = async <State, Event extends { type: string; data: unknown }>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'initialState'>,
  cache?: AggregateStore<State>,
): Promise<Aggregate<State>> => {
  const cached = cache?.get(stream);
  const recorded = await store.readStream(stream, { afterVersion: cached?.version ?? 0 });
  if (cached !== undefined && recorded.length === 0) return cached;
  let state = cached?.state ?? decider.initialState();
  for (const event of recorded) state = decider.evolve(state, event as unknown as Event);
  const folded = { state, version: recorded.at(-1)?.version ?? cached?.version ?? 0 };
  cache?.set(stream, folded);
  return folded;
};
