import {
  changesConcerning,
  SUBSCRIPTION_EVENT_TYPES,
  type ReleaseChanges,
  type SubscriptionEvent,
} from '@meridian/domain';
import type { RecordedEvent } from '@meridian/event-store';
import type { SnapshotPart } from './read-model-snapshot.ts';

interface Subscriber {
  readonly meetingId: string;
  readonly sessionIds: readonly string[] | null;
  readonly confirmed: boolean;
}

type SubscriberSnapshotEntry = [subscriptionId: string, subscriber: Subscriber];

const TYPES = new Set<string>(SUBSCRIPTION_EVENT_TYPES);

/**
 * The notify service's subscriptions as far as the schedule needs them: who would get a notice,
 * so an organiser previewing a release sees how many people it will reach.
 */
export class SubscribersReadModel implements SnapshotPart<SubscriberSnapshotEntry> {
  readonly #subscribers = new Map<string, Subscriber>();

  apply(event: RecordedEvent): void {
    if (!TYPES.has(event.type)) return;
    const subscriptionEvent = event as unknown as SubscriptionEvent;
    const { subscriptionId } = subscriptionEvent.data;
    const current = this.#subscribers.get(subscriptionId);
    switch (subscriptionEvent.type) {
      case 'SubscriptionRequested':
        this.#subscribers.set(subscriptionId, {
          meetingId: subscriptionEvent.data.meetingId,
          sessionIds: subscriptionEvent.data.sessionIds,
          confirmed: false,
        });
        return;
      case 'SubscriptionConfirmed':
        if (current !== undefined) this.#subscribers.set(subscriptionId, { ...current, confirmed: true });
        return;
      case 'SubscriptionPreferencesChanged':
        if (current !== undefined && subscriptionEvent.data.sessionIds !== undefined) {
          this.#subscribers.set(subscriptionId, { ...current, sessionIds: subscriptionEvent.data.sessionIds });
        }
        return;
      case 'SubscriptionEnded':
        this.#subscribers.delete(subscriptionId);
        return;
    }
  }

  snapshotEntries(): Iterable<SubscriberSnapshotEntry> {
    return this.#subscribers.entries();
  }

  restoreEntry([subscriptionId, subscriber]: SubscriberSnapshotEntry): void {
    this.#subscribers.set(subscriptionId, subscriber);
  }

  /** How many confirmed subscribers of a meeting these changes concern: the notices a release sends. */
  noticesFor(meetingId: string, changes: ReleaseChanges): number {
    let count = 0;
    for (const subscriber of this.#subscribers.values()) {
      if (subscriber.meetingId === meetingId && subscriber.confirmed && changesConcerning(changes, subscriber) !== null) count += 1;
    }
    return count;
  }
}
