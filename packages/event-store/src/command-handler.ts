import { randomUUID } from 'node:crypto';
import type { AppendResult, EventMetadata, EventStore } from './port.ts';
import { WrongExpectedVersionError } from './errors.ts';
import { createStreamQueue, type StreamQueue } from './stream-queue.ts';

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
   * Checked on the state before anything else (e.g. that the actor owns the aggregate): throws to
   * refuse the command.
   */
  readonly authorize?: (state: State) => void;
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

// Per store, the queue that runs the commands of this process on one stream one at a time.
const queues = new WeakMap<EventStore, StreamQueue>();

/**
 * Loads a stream, decides, and appends the events with the version it decided on. Commands of this
 * process on one stream run one after another (see `createStreamQueue`): under group commit they
 * would otherwise all decide on the same version and conflict.
 *
 * A cached fold is used as it is, without reading the stream: the append, made with its version,
 * proves it current. Any other outcome (a refusal, nothing to append, a conflict) is confirmed on
 * the stream first: if the stream has moved on since that version (another process appended),
 * the command runs again on the fresh state, as if that had been read in the first place, and
 * that run is no retry.
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
  let queue = queues.get(store);
  if (queue === undefined) queues.set(store, (queue = createStreamQueue()));
  return queue.run(stream, () => runCommand({ store, stream, decider, command, options }));
};

/** What {@link handleCommand} was given: one command for one stream. */
interface CommandRun<State, Command, Event extends { type: string; data: unknown }> {
  readonly store: EventStore;
  readonly stream: string;
  readonly decider: Decider<State, Command, Event>;
  readonly command: Command;
  readonly options: HandleCommandOptions<State>;
}

/** {@link handleCommand}, its turn come. */
const runCommand = async <State, Command, Event extends { type: string; data: unknown }>(
  run: CommandRun<State, Command, Event>,
): Promise<HandledCommand<State, Event>> => {
  const { store, stream, decider, options } = run;
  // 1. aggregate the stream: the cached fold as it is, or the stream read (from the cache on)
  const cached = options.cache?.get(stream);
  let current = cached ?? (await aggregate(store, stream, decider, options.cache));
  let confirmed = cached === undefined;
  for (let retries = 0; ; ) {
    const attempt = await decideAndAppend(run, current);
    if ('handled' in attempt && attempt.handled.append !== null) return attempt.handled;
    if (!confirmed) {
      confirmed = true;
      const fresh = await aggregate(store, stream, decider, options.cache);
      if (fresh.version !== current.version) {
        current = fresh;
        continue;
      }
    }
    if ('handled' in attempt) return attempt.handled;
    if ('refused' in attempt) throw attempt.refused;
    if (retries >= (options.retriesOnConflict ?? 0)) throw attempt.conflict;
    retries += 1;
    current = await aggregate(store, stream, decider, options.cache);
  }
};

/** How one run of a command on one state ended; a failure of the store itself is thrown. */
type Attempt<State, Event> =
  | { readonly handled: HandledCommand<State, Event> }
  /** refused before appending: by `authorize`, the expected version, or the decider */
  | { readonly refused: unknown }
  /** the append lost a race with another writer */
  | { readonly conflict: WrongExpectedVersionError };

/** Steps 2 and 3 of {@link handleCommand} on one state. */
const decideAndAppend = async <State, Command, Event extends { type: string; data: unknown }>(
  { store, stream, decider, command, options }: CommandRun<State, Command, Event>,
  current: Aggregate<State>,
): Promise<Attempt<State, Event>> => {
  // 2. decide
  let events: Event[];
  try {
    options.authorize?.(current.state);
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      throw new WrongExpectedVersionError(stream, options.expectedVersion, current.version);
    }
    events = decider.decide(command, current.state);
  } catch (error) {
    return { refused: error };
  }
  if (events.length === 0) return { handled: { events, state: current.state, version: current.version, append: null } };
  // 3. append with the expected version
  const newEventId = options.newEventId ?? randomUUID;
  const metadata = { causationId: null, ...options.metadata };
  const toAppend = events.map((event) => ({ id: newEventId(), type: event.type, data: event.data, metadata }));
  let append: AppendResult;
  try {
    append = await store.append(stream, toAppend, { expectedVersion: current.version });
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) return { conflict: error };
    throw error;
  }
  const state = events.reduce(decider.evolve, current.state);
  options.cache?.set(stream, { state, version: append.version });
  return { handled: { events, state, version: append.version, append } };
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
