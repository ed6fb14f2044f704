import type { Test } from 'tap';
import {
  decideSubscription,
  evolveSubscription,
  initialSubscription,
  Temporal,
  type DomainError,
  type SubscriptionCommand,
  type SubscriptionEvent,
} from '../../src/index.ts';

/** The instant every test command happens at. */
export const NOW = Temporal.Instant.from('2025-11-01T10:00:00Z');
export const SUBSCRIPTION_ID = 'sub-1';

type Body<T extends SubscriptionCommand['type']> = Extract<SubscriptionCommand, { type: T }>['data'];

/** Builds a command of the test subscription, at NOW. */
export const command = <T extends SubscriptionCommand['type']>(type: T, data: Omit<Body<T>, 'subscriptionId'>): SubscriptionCommand =>
  ({ type, data: { subscriptionId: SUBSCRIPTION_ID, ...data }, now: NOW }) as SubscriptionCommand;

/**
 * given / when / then for the subscription decider:
 * `given(t, [requested]).when(confirm).then([confirmed])` or `.thenFails('subscription-ended')`.
 */
export const given = (t: Test, history: readonly SubscriptionEvent[]) => {
  const decided = (cmd: SubscriptionCommand): SubscriptionEvent[] => decideSubscription(cmd, history.reduce(evolveSubscription, initialSubscription()));
  return {
    when: (cmd: SubscriptionCommand) => ({
      then: (expected: readonly SubscriptionEvent[]): void => {
        t.strictSame(decided(cmd), expected);
      },
      thenFails: (code: string, details: Record<string, unknown> = {}): DomainError => {
        let failure: unknown;
        try {
          decided(cmd);
        } catch (error) {
          failure = error;
        }
        t.match(failure, { code, details }, `fails with ${code}`);
        return failure as DomainError;
      },
    }),
  };
};

// --- the reference subscription, as events ---------------------------------------------------

/** An e-mail subscription with the default preferences, waiting for its confirmation. */
export const emailRequested: SubscriptionEvent = {
  type: 'SubscriptionRequested',
  data: {
    subscriptionId: SUBSCRIPTION_ID,
    meetingId: 'm-1',
    channel: 'email',
    timeZone: 'UTC',
    locale: 'en',
    reminders: [1440, 15],
    sessionIds: null,
    invitations: false,
    eventTypes: null,
    requestedAt: '2025-11-01T10:00:00Z',
  },
};

export const webhookRequested: SubscriptionEvent = {
  type: 'SubscriptionRequested',
  data: { ...(emailRequested.data as Extract<SubscriptionEvent, { type: 'SubscriptionRequested' }>['data']), channel: 'webhook' },
};

export const confirmed: SubscriptionEvent = { type: 'SubscriptionConfirmed', data: { subscriptionId: SUBSCRIPTION_ID, confirmedAt: '2025-11-01T10:00:00Z' } };

export const ended: SubscriptionEvent = {
  type: 'SubscriptionEnded',
  data: { subscriptionId: SUBSCRIPTION_ID, reason: 'unsubscribed', endedAt: '2025-11-01T10:00:00Z' },
};
