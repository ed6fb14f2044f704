import {
  evolvePersonalFeed,
  initialPersonalFeed,
  PERSONAL_FEED_EVENT_TYPES,
  type PersonalFeed,
  type PersonalFeedEvent,
} from '@meridian/domain';
import type { Aggregate, AggregateStore, RecordedEvent } from '@meridian/event-store';
import type { SnapshotPart } from './read-model-snapshot.ts';

type FeedSnapshotEntry = [stream: string, aggregate: Aggregate<PersonalFeed>];

const TYPES = new Set<string>(PERSONAL_FEED_EVENT_TYPES);
const STREAM_PREFIX = 'personal-feed-';

/**
 * Personal feeds by id, folded from their streams; like the meetings read model, it also keeps
 * what the command handler just wrote, so a revoked feed stops at once on this replica.
 */
export class PersonalFeedsReadModel implements AggregateStore<PersonalFeed>, SnapshotPart<FeedSnapshotEntry> {
  readonly #feeds = new Map<string, Aggregate<PersonalFeed>>();

  apply(event: RecordedEvent): void {
    if (!TYPES.has(event.type) || !event.stream.startsWith(STREAM_PREFIX)) return;
    const kept = this.#feeds.get(event.stream);
    if (kept !== undefined && event.version <= kept.version) return;
    const state = evolvePersonalFeed(kept?.state ?? initialPersonalFeed(), event as unknown as PersonalFeedEvent);
    this.#feeds.set(event.stream, { state, version: event.version });
  }

  get(stream: string): Aggregate<PersonalFeed> | undefined {
    return this.#feeds.get(stream);
  }

  set(stream: string, aggregate: Aggregate<PersonalFeed>): void {
    const kept = this.#feeds.get(stream);
    if (kept === undefined || kept.version < aggregate.version) this.#feeds.set(stream, aggregate);
  }

  snapshotEntries(): Iterable<FeedSnapshotEntry> {
    return this.#feeds.entries();
  }

  restoreEntry([stream, aggregate]: FeedSnapshotEntry): void {
    this.#feeds.set(stream, aggregate);
  }

  feed(feedId: string): PersonalFeed | undefined {
    return this.#feeds.get(`${STREAM_PREFIX}${feedId}`)?.state;
  }
}
