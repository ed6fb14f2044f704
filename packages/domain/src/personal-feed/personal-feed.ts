import type { Temporal } from '../time/temporal.ts';
import { InvalidInputError } from '../errors.ts';
import { assertNever } from '../meeting/evolve.ts';

/**
 * A participant's personal calendar feed: a revocable tokenised URL that filters the meeting's
 * sessions and adds alarms. It holds no personal data: the token is the only link to a person.
 */
export type PersonalFeed =
  | Readonly<{ exists: false }>
  | Readonly<{
      exists: true;
      feedId: string;
      meetingId: string;
      /** null: every session */
      sessionIds: readonly string[] | null;
      alarmsMinutesBefore: readonly number[];
      revoked: boolean;
    }>;

export type PersonalFeedEvent =
  | Readonly<{
      type: 'PersonalFeedCreated';
      data: Readonly<{
        feedId: string;
        meetingId: string;
        sessionIds: readonly string[] | null;
        alarmsMinutesBefore: readonly number[];
        createdAt: string;
      }>;
    }>
  | Readonly<{ type: 'PersonalFeedRevoked'; data: Readonly<{ feedId: string; revokedAt: string }> }>;

export type PersonalFeedCommand =
  | Readonly<{
      type: 'CreatePersonalFeed';
      data: Readonly<{ feedId: string; meetingId: string; sessionIds?: readonly string[] | null; alarmsMinutesBefore?: readonly number[] }>;
      now: Temporal.Instant;
    }>
  | Readonly<{ type: 'RevokePersonalFeed'; data: Readonly<{ feedId: string }>; now: Temporal.Instant }>;

export const PERSONAL_FEED_EVENT_TYPES: readonly PersonalFeedEvent['type'][] = ['PersonalFeedCreated', 'PersonalFeedRevoked'];
export const personalFeedStream = (feedId: string): string => `personal-feed-${feedId}`;

/** Reminders a participant may ask for: up to a week before, at most 5 of them. */
export const MAX_ALARM_MINUTES = 7 * 24 * 60;
const MAX_ALARMS = 5;

/**
 * Decides a personal-feed command. Revoking twice is no change.
 *
 * @example
 * decidePersonalFeed({ type: 'RevokePersonalFeed', data: { feedId }, now }, created) //=> [{ type: 'PersonalFeedRevoked', … }]
 */
export const decidePersonalFeed = (command: PersonalFeedCommand, state: PersonalFeed): PersonalFeedEvent[] => {
  switch (command.type) {
    case 'CreatePersonalFeed': {
      if (state.exists) return [];
      const alarms = [...new Set(command.data.alarmsMinutesBefore ?? [15])].sort((a, b) => b - a);
      if (alarms.length > MAX_ALARMS || alarms.some((minutes) => !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_ALARM_MINUTES)) {
        throw new InvalidInputError('reminders', `at most ${MAX_ALARMS} whole numbers of minutes from 0 to ${MAX_ALARM_MINUTES}`);
      }
      const sessionIds = command.data.sessionIds == null ? null : [...new Set(command.data.sessionIds)];
      return [
        {
          type: 'PersonalFeedCreated',
          data: { ...command.data, sessionIds, alarmsMinutesBefore: alarms, createdAt: command.now.toString() },
        },
      ];
    }
    case 'RevokePersonalFeed':
      if (!state.exists || state.revoked) return [];
      return [{ type: 'PersonalFeedRevoked', data: { feedId: state.feedId, revokedAt: command.now.toString() } }];
    default:
      return assertNever(command);
  }
};

export const evolvePersonalFeed = (state: PersonalFeed, event: PersonalFeedEvent): PersonalFeed => {
  switch (event.type) {
    case 'PersonalFeedCreated': {
      const { feedId, meetingId, sessionIds, alarmsMinutesBefore } = event.data;
      return { exists: true, feedId, meetingId, sessionIds, alarmsMinutesBefore, revoked: false };
    }
    case 'PersonalFeedRevoked':
      return state.exists ? { ...state, revoked: true } : state;
    default:
      return assertNever(event);
  }
};

export const initialPersonalFeed = (): PersonalFeed => ({ exists: false });
