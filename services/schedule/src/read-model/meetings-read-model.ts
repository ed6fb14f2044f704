import {
  evolve,
  MEETING_EVENT_TYPES,
  meetingFromSnapshot,
  meetingSnapshot,
  type ExistingMeeting,
  type Meeting,
  type MeetingEvent,
  type MeetingSnapshot,
} from '@meridian/domain';
import type { SnapshotPart } from './read-model-snapshot.ts';
import { CreationOrder, type CreationPosition } from './creation-order.ts';
import type { Aggregate, AggregateStore, RecordedEvent } from '@meridian/event-store';

const STREAM_PREFIX = 'meeting-';
const MEETING_TYPES = new Set<string>(MEETING_EVENT_TYPES);

/** A meeting as a snapshot keeps it: id, revision, state. */
type MeetingSnapshotEntry = [meetingId: string, revision: number, meeting: MeetingSnapshot];

export interface MeetingEntry {
  readonly meeting: ExistingMeeting;
  /** the stream's version this state reflects (the ETag of meeting resources) */
  readonly revision: number;
}

/**
 * Every meeting folded by the domain's own `evolve`, in memory, fed by the store's subscription.
 * It is also where the command handler keeps the aggregates it just wrote (write-through), so a
 * replica reads its own writes at once; events it already holds are skipped when the subscription
 * delivers them, so nothing is applied twice.
 */
export class MeetingsReadModel implements AggregateStore<Meeting>, SnapshotPart<MeetingSnapshotEntry> {
  readonly #entries = new Map<string, MeetingEntry>();
  readonly #creationOrder = new CreationOrder();
  readonly #waiters = new Set<() => void>();
  /** meetings the command handler wrote ahead of the events applied (read-your-write): the revision written */
  readonly #writtenAhead = new Map<string, number>();

  /** Applies one event of the global stream; events of other aggregates are ignored. */
  apply(event: RecordedEvent): void {
    if (!event.stream.startsWith(STREAM_PREFIX) || !MEETING_TYPES.has(event.type)) return;
    const meetingId = event.stream.slice(STREAM_PREFIX.length);
    const ahead = this.#writtenAhead.get(meetingId);
    if (ahead !== undefined && event.version >= ahead) {
      this.#writtenAhead.delete(meetingId);
      this.#wakeWaiters();
    }
    const entry = this.#entries.get(meetingId);
    if (entry !== undefined && event.version <= entry.revision) return;
    const state = evolve(entry?.meeting ?? { exists: false }, event as unknown as MeetingEvent);
    if (state.exists) this.#store(meetingId, { meeting: state, revision: event.version });
  }

  get(stream: string): Aggregate<Meeting> | undefined {
    const entry = this.#entries.get(stream.slice(STREAM_PREFIX.length));
    return entry === undefined ? undefined : { state: entry.meeting, version: entry.revision };
  }

  set(stream: string, aggregate: Aggregate<Meeting>): void {
    const meetingId = stream.slice(STREAM_PREFIX.length);
    const kept = this.#entries.get(meetingId);
    if (!aggregate.state.exists || (kept !== undefined && kept.revision >= aggregate.version)) return;
    this.#writtenAhead.set(meetingId, aggregate.version);
    this.#store(meetingId, { meeting: aggregate.state, revision: aggregate.version });
  }

  /**
   * Whether every meeting holds only what the events applied made of it, none written ahead by
   * the command handler; waits up to `timeoutMs` for the events of those written ahead. A
   * snapshot taken otherwise would hold revisions past its checkpoint, which a store restored
   * from an older backup may not hold (the check at restore looks at the checkpoint's event only).
   */
  writesApplied(timeoutMs: number): Promise<boolean> {
    return this.#waitUntil(() => this.#writtenAhead.size === 0, timeoutMs);
  }

  meeting(meetingId: string): MeetingEntry | undefined {
    return this.#entries.get(meetingId);
  }

  /** The meetings created after `position` (all when null), by creation instant, then id: the list's order. */
  *inCreationOrder(position: CreationPosition | null): Generator<MeetingEntry> {
    for (const meetingId of this.#creationOrder.after(position)) yield this.#entries.get(meetingId)!;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Resolves true once the meeting's entry satisfies `reached` (read-your-write across replicas:
   * a revision, seen by a given reader), or false after `timeoutMs`.
   */
  waitFor(meetingId: string, reached: (entry: MeetingEntry | undefined) => boolean, timeoutMs: number): Promise<boolean> {
    return this.#waitUntil(() => reached(this.#entries.get(meetingId)), timeoutMs);
  }

  /** Resolves true once `condition` holds (looked at whenever an entry changes), or false after `timeoutMs`. */
  async #waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return true;
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return;
        finish(true);
      };
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(result);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.#waiters.add(check);
    });
  }

  *snapshotEntries(): Iterable<MeetingSnapshotEntry> {
    for (const [meetingId, { meeting, revision }] of this.#entries) yield [meetingId, revision, meetingSnapshot(meeting)];
  }

  restoreEntry([meetingId, revision, snapshot]: MeetingSnapshotEntry): void {
    const meeting = meetingFromSnapshot(snapshot);
    if (!this.#entries.has(meetingId)) this.#creationOrder.add(meeting);
    this.#entries.set(meetingId, { meeting, revision });
  }

  #store(meetingId: string, entry: MeetingEntry): void {
    if (!this.#entries.has(meetingId)) this.#creationOrder.add(entry.meeting);
    this.#entries.set(meetingId, entry);
    this.#wakeWaiters();
  }

  #wakeWaiters(): void {
    for (const waiter of this.#waiters) waiter();
  }
}

export const meetingIdOfStream = (stream: string): string | null =>
  stream.startsWith(STREAM_PREFIX) ? stream.slice(STREAM_PREFIX.length) : null;
