import {
  evolvePersonalFeed,
  initialPersonalFeed,
  PERSONAL_FEED_EVENT_TYPES,
  type PersonalFeed,
  type PersonalFeedEvent,
} from '@meridian/domain';
import type { RecordedEvent } from '@meridian/event-store';

const TYPES = new Set<string>(PERSONAL_FEED_EVENT_TYPES);

/** Personal feeds by id, folded from their streams. */
export class PersonalFeedsReadModel {
  readonly #feeds = new Map<string, PersonalFeed>();

  apply(event: RecordedEvent): void {
    if (!TYPES.has(event.type)) return;
    const feedEvent = event as unknown as PersonalFeedEvent;
    const feedId = feedEvent.data.feedId;
    this.#feeds.set(feedId, evolvePersonalFeed(this.#feeds.get(feedId) ?? initialPersonalFeed(), feedEvent));
  }

  feed(feedId: string): PersonalFeed | undefined {
    return this.#feeds.get(feedId);
  }
}
