/**
 * The events of a participant's subscription to a meeting's notices (stream `subscription-<id>`).
 * They hold no personal data: the address, webhook URL and secret live in the notify service's
 * erasable store, keyed by the subscription id (DESIGN.md, Event store rules).
 */
type Event<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;

export type ChannelType = 'email' | 'webhook';

export type SubscriptionRequested = Event<
  'SubscriptionRequested',
  {
    subscriptionId: string;
    meetingId: string;
    channel: ChannelType;
    timeZone: string;
    locale: string;
    /** minutes before each session */
    reminders: readonly number[];
    /** null: every session */
    sessionIds: readonly string[] | null;
    /** iTIP invitations by e-mail (off by default) */
    invitations: boolean;
    /** webhook event types the integrator wants besides `agenda.released` (null: all) */
    eventTypes: readonly string[] | null;
    requestedAt: string;
  }
>;

/** E-mail: the participant followed the confirmation link. Webhooks are confirmed when created. */
export type SubscriptionConfirmed = Event<'SubscriptionConfirmed', { subscriptionId: string; confirmedAt: string }>;

export type SubscriptionPreferencesChanged = Event<
  'SubscriptionPreferencesChanged',
  {
    subscriptionId: string;
    timeZone?: string;
    locale?: string;
    reminders?: readonly number[];
    sessionIds?: readonly string[] | null;
    invitations?: boolean;
    eventTypes?: readonly string[] | null;
  }
>;

/**
 * `superseded`: the same address confirmed a newer subscription to the same meeting;
 * `unconfirmed`: an e-mail subscription whose confirmation link was not followed in time;
 * `meeting-cancelled`, `meeting-over`: nothing is left to tell (the cancellation was sent, or
 * the meeting ended long enough ago).
 */
export type SubscriptionEndReason = 'unsubscribed' | 'endpoint-gone' | 'meeting-cancelled' | 'meeting-over' | 'superseded' | 'unconfirmed';

/** Final: the personal data is erased with it. */
export type SubscriptionEnded = Event<'SubscriptionEnded', { subscriptionId: string; reason: SubscriptionEndReason; endedAt: string }>;

export type SubscriptionEvent =
  | SubscriptionRequested
  | SubscriptionConfirmed
  | SubscriptionPreferencesChanged
  | SubscriptionEnded;

export const SUBSCRIPTION_EVENT_TYPES: readonly SubscriptionEvent['type'][] = [
  'SubscriptionRequested',
  'SubscriptionConfirmed',
  'SubscriptionPreferencesChanged',
  'SubscriptionEnded',
];

export const subscriptionStream = (subscriptionId: string): string => `subscription-${subscriptionId}`;
