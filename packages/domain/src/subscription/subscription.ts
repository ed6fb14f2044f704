import type { Temporal } from '../time/temporal.ts';
import { validateTimeZone } from '../time/time-zone.ts';
import { validateLocale } from '../time/locale.ts';
import { InvalidInputError, DomainError } from '../errors.ts';
import { assertNever } from '../meeting/evolve.ts';
import type { ChannelType, SubscriptionEndReason, SubscriptionEvent, SubscriptionRequested } from './events.ts';

/** A participant's subscription, as the notify service decides on it. */
export type Subscription =
  | Readonly<{ exists: false }>
  | (Readonly<{ exists: true; status: 'pending' | 'active' | 'ended' }> & Omit<SubscriptionRequested['data'], 'requestedAt'>);

export type SubscriptionPreferences = Readonly<{
  timeZone?: string;
  locale?: string;
  reminders?: readonly number[];
  sessionIds?: readonly string[] | null;
  invitations?: boolean;
  eventTypes?: readonly string[] | null;
}>;

export type SubscriptionCommand =
  | Readonly<{
      type: 'RequestSubscription';
      data: Readonly<{ subscriptionId: string; meetingId: string; channel: ChannelType }> & SubscriptionPreferences;
      now: Temporal.Instant;
    }>
  | Readonly<{ type: 'ConfirmSubscription'; data: Readonly<{ subscriptionId: string }>; now: Temporal.Instant }>
  | Readonly<{ type: 'ChangePreferences'; data: Readonly<{ subscriptionId: string }> & SubscriptionPreferences; now: Temporal.Instant }>
  | Readonly<{ type: 'EndSubscription'; data: Readonly<{ subscriptionId: string; reason: SubscriptionEndReason }>; now: Temporal.Instant }>;

export class SubscriptionNotFoundError extends DomainError {
  readonly code = 'subscription-not-found';
  readonly kind = 'not-found';
  constructor(subscriptionId: string) {
    super(`no subscription ${subscriptionId}`, { subscriptionId });
  }
}

export class SubscriptionEndedError extends DomainError {
  readonly code = 'subscription-ended';
  readonly kind = 'conflict';
  constructor(subscriptionId: string) {
    super(`subscription ${subscriptionId} has ended`, { subscriptionId });
  }
}

/** Reminders by default: a day before and a quarter of an hour before each session. */
export const DEFAULT_REMINDERS: readonly number[] = [1440, 15];
const MAX_REMINDERS = 5;
const MAX_REMINDER_MINUTES = 7 * 24 * 60;

export const WEBHOOK_EVENT_TYPES = [
  'agenda.released',
  'session.added',
  'session.rescheduled',
  'session.changed',
  'session.cancelled',
  'session.restored',
  'reminder.due',
  'meeting.cancelled',
] as const;

/**
 * Decides a subscription command. Webhook subscriptions are active at once; e-mail ones wait for
 * the participant to confirm (double opt-in). Ending is final, and ending twice is no change.
 *
 * @example
 * decideSubscription({ type: 'ConfirmSubscription', data: { subscriptionId }, now }, pending)
 * //=> [{ type: 'SubscriptionConfirmed', … }]
 */
export const decideSubscription = (command: SubscriptionCommand, state: Subscription): SubscriptionEvent[] => {
  const at = command.now.toString();
  switch (command.type) {
    case 'RequestSubscription': {
      if (state.exists) return [];
      const { subscriptionId, meetingId, channel } = command.data;
      const preferences = validateSubscriptionPreferences(command.data, channel);
      const requested: SubscriptionEvent = {
        type: 'SubscriptionRequested',
        data: {
          subscriptionId,
          meetingId,
          channel,
          timeZone: preferences.timeZone ?? 'UTC',
          locale: preferences.locale ?? 'en',
          reminders: preferences.reminders ?? DEFAULT_REMINDERS,
          sessionIds: preferences.sessionIds ?? null,
          invitations: preferences.invitations ?? false,
          eventTypes: preferences.eventTypes ?? null,
          requestedAt: at,
        },
      };
      return channel === 'webhook' ? [requested, { type: 'SubscriptionConfirmed', data: { subscriptionId, confirmedAt: at } }] : [requested];
    }
    case 'ConfirmSubscription': {
      const subscription = requireLive(state, command.data.subscriptionId);
      if (subscription.status === 'active') return [];
      return [{ type: 'SubscriptionConfirmed', data: { subscriptionId: subscription.subscriptionId, confirmedAt: at } }];
    }
    case 'ChangePreferences': {
      const subscription = requireLive(state, command.data.subscriptionId);
      const { subscriptionId: _id, ...proposed } = command.data;
      const preferences = validateSubscriptionPreferences(proposed, subscription.channel);
      const changed = Object.fromEntries(
        Object.entries(preferences).filter(
          ([key, value]) => JSON.stringify(value) !== JSON.stringify((subscription as Record<string, unknown>)[key]),
        ),
      );
      if (Object.keys(changed).length === 0) return [];
      return [{ type: 'SubscriptionPreferencesChanged', data: { subscriptionId: subscription.subscriptionId, ...changed } }];
    }
    case 'EndSubscription': {
      if (!state.exists) throw new SubscriptionNotFoundError(command.data.subscriptionId);
      if (state.status === 'ended') return [];
      return [{ type: 'SubscriptionEnded', data: { subscriptionId: state.subscriptionId, reason: command.data.reason, endedAt: at } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolveSubscription = (state: Subscription, event: SubscriptionEvent): Subscription => {
  switch (event.type) {
    case 'SubscriptionRequested': {
      const { requestedAt: _at, ...data } = event.data;
      return { exists: true, ...data, status: 'pending' };
    }
    case 'SubscriptionConfirmed':
      return state.exists && state.status === 'pending' ? { ...state, status: 'active' } : state;
    case 'SubscriptionPreferencesChanged': {
      if (!state.exists) return state;
      const { subscriptionId: _id, ...changed } = event.data;
      return { ...state, ...changed };
    }
    case 'SubscriptionEnded':
      return state.exists ? { ...state, status: 'ended' } : state;
    default:
      return assertNever(event);
  }
};

export const initialSubscription = (): Subscription => ({ exists: false });

const requireLive = (state: Subscription, subscriptionId: string) => {
  if (!state.exists) throw new SubscriptionNotFoundError(subscriptionId);
  if (state.status === 'ended') throw new SubscriptionEndedError(subscriptionId);
  return state;
};

/**
 * The preferences as a subscription on `channel` keeps them; throws the named error of the first
 * one refused.
 */
export const validateSubscriptionPreferences = (preferences: SubscriptionPreferences, channel: ChannelType): SubscriptionPreferences => {
  const { timeZone, locale, reminders, sessionIds, invitations, eventTypes } = preferences;
  // Each channel's own choices: one asked of the other would be silently ignored (an e-mail
  // subscriber gets every notice; a webhook receives events, never an invitation).
  if (channel === 'email' && eventTypes !== undefined && eventTypes !== null) {
    throw new InvalidInputError('eventTypes', 'webhook subscriptions only: an e-mail subscription receives every notice (leave it out, or null)');
  }
  if (channel === 'webhook' && invitations === true) {
    throw new InvalidInputError('invitations', 'e-mail subscriptions only: a webhook receives the session.* events instead');
  }
  return {
    ...(timeZone !== undefined && { timeZone: validateTimeZone(timeZone) }),
    ...(locale !== undefined && { locale: validateLocale(locale) }),
    ...(reminders !== undefined && { reminders: validateReminders(reminders) }),
    ...(sessionIds !== undefined && { sessionIds: sessionIds === null ? null : [...new Set(sessionIds)] }),
    ...(invitations !== undefined && { invitations }),
    ...(eventTypes !== undefined && { eventTypes: eventTypes === null ? null : validateEventTypes(eventTypes) }),
  };
};

const validateReminders = (reminders: readonly number[]): number[] => {
  const unique = [...new Set(reminders)].sort((a, b) => b - a);
  if (unique.length > MAX_REMINDERS || unique.some((minutes) => !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_REMINDER_MINUTES)) {
    throw new InvalidInputError('reminders', `at most ${MAX_REMINDERS} whole numbers of minutes from 1 to ${MAX_REMINDER_MINUTES}`);
  }
  return unique;
};

const validateEventTypes = (types: readonly string[]): string[] => {
  const unknown = types.filter((type) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) throw new InvalidInputError('eventTypes', `unknown: ${unknown.join(', ')}; known: ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  return [...new Set(types)];
};
