import { Type } from 'typebox';
import { Id, IdParameter, LocationHeader, Nullable, routeProblems } from '@meridian/http';
import { CREATED_SUBSCRIPTION_EXAMPLE, MEETING_ID, PREFERENCES_EXAMPLE, SUBSCRIPTION_EXAMPLE, SUBSCRIPTION_ID } from './examples.ts';

/**
 * What each error status means on this service's routes, unless a route says more with
 * `problem(…)`. 409 always depends on the route, so each route describes it.
 */
const PROBLEM_MEANINGS: Readonly<Record<number, string>> = {
  400: 'The request is invalid: a parameter or a body field does not match the schema (`invalid-request`, each violation in `errors`), or breaks its rule (`invalid-input`), or the body is not JSON (`malformed-json`: a route that takes no body takes none, not even an empty one under `content-type: application/json`).',
  401: 'No bearer token was sent: the route needs the subscription\'s manage token or an organiser token (`unauthorized`).',
  404: 'No such subscription, or none this token may manage (`subscription-not-found`): subscriptions are personal, so their existence is not told.',
  413: 'The body is larger than the service accepts (`body-too-large`).',
  415: 'The body is not `application/json` (`unsupported-media-type`).',
};

export const { problems, problem } = routeProblems(PROBLEM_MEANINGS);

// The id and nullable schemas both services share, for this service's route modules.
export { Id, IdParameter, Nullable };

export const SubscriptionParams = Type.Object({
  subscriptionId: IdParameter('the subscription\'s id, as `POST /subscriptions` answered it', SUBSCRIPTION_ID),
});
export const MeetingIdQuery = IdParameter('the meeting\'s id (the schedule service\'s)', MEETING_ID);

export const SubscriptionLocationHeader = LocationHeader('the new subscription\'s URL, `/subscriptions/{subscriptionId}`');

const preferenceFields = {
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone every time is given in', examples: ['Asia/Tokyo'] }),
  locale: Type.String({
    minLength: 2,
    maxLength: 35,
    description: 'BCP 47 locale of the notices: ar, zh, en, fr, ru and es are translated; dates follow the locale',
    examples: ['fr-CH'],
  }),
  reminders: Type.Array(Type.Integer({ minimum: 1, maximum: 10080 }), {
    maxItems: 5,
    description: 'minutes before each session (default 1440 and 15)',
  }),
  sessionIds: Nullable(Type.Array(Id, { maxItems: 500, description: 'sessions of interest, by their ids in the meeting\'s released agenda (null: all)' })),
  invitations: Type.Boolean({
    description:
      'e-mail only (a webhook refuses true): also send iTIP invitations that keep a calendar holding the agenda: one per session already released when the subscription is confirmed (or invitations are asked for, or a session is followed), then one per added, moved, changed or cancelled session',
  }),
  eventTypes: Nullable(
    Type.Array(Type.String(), {
      description: 'webhook only (an e-mail subscription receives every notice, and refuses a list): the event types wanted (null: all): agenda.released, session.added, session.rescheduled, session.changed, session.cancelled, session.restored, reminder.due, meeting.cancelled',
    }),
  ),
};

export const CreateSubscriptionBody = Type.Object(
  {
    meetingId: Id,
    timeZone: preferenceFields.timeZone,
    locale: preferenceFields.locale,
    channel: Type.Union([
      Type.Object({ type: Type.Literal('email'), address: Type.String({ format: 'email', maxLength: 320 }) }, { additionalProperties: false }),
      Type.Object({ type: Type.Literal('webhook'), url: Type.String({ format: 'uri', maxLength: 2000 }) }, { additionalProperties: false }),
    ]),
    reminders: Type.Optional(preferenceFields.reminders),
    sessionIds: Type.Optional(preferenceFields.sessionIds),
    invitations: Type.Optional(preferenceFields.invitations),
    eventTypes: Type.Optional(preferenceFields.eventTypes),
  },
  {
    additionalProperties: false,
    examples: [
      {
        meetingId: 'local-government-human-rights-2025',
        timeZone: 'America/New_York',
        locale: 'en-US',
        channel: { type: 'email', address: 'participant@example.org' },
      },
    ],
  },
);

/** What the agenda page's "notify me" form posts (`application/x-www-form-urlencoded`): an e-mail subscription with the default preferences. */
export const SubscriptionFormBody = Type.Object(
  {
    meetingId: Id,
    timeZone: preferenceFields.timeZone,
    locale: preferenceFields.locale,
    address: Type.String({ format: 'email', maxLength: 320, description: 'the e-mail address the confirmation link is sent to' }),
  },
  {
    additionalProperties: false,
    examples: [{ meetingId: 'local-government-human-rights-2025', timeZone: 'America/New_York', locale: 'en-US', address: 'participant@example.org' }],
  },
);

export const PreferencesBody = Type.Object(
  Object.fromEntries(Object.entries(preferenceFields).map(([name, schema]) => [name, Type.Optional(schema)])),
  { additionalProperties: false, description: 'JSON merge patch: fields left out keep their values', examples: [PREFERENCES_EXAMPLE] },
);

export const SubscriptionSchema = Type.Object(
  {
    id: Type.String(),
    meetingId: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('ended')], {
      description: 'pending: an e-mail waiting for its confirmation link to be followed',
    }),
    channel: Type.Object({
      type: Type.Union([Type.Literal('email'), Type.Literal('webhook')]),
      address: Type.Optional(Type.String()),
      url: Type.Optional(Type.String()),
    }),
    timeZone: Type.String(),
    locale: Type.String(),
    reminders: Type.Array(Type.Integer()),
    sessionIds: Nullable(Type.Array(Type.String())),
    invitations: Type.Boolean(),
    eventTypes: Nullable(Type.Array(Type.String())),
  },
  { $id: 'Subscription', description: 'a participant\'s subscription to a meeting\'s notices', examples: [SUBSCRIPTION_EXAMPLE] },
);

// The subscription as read later, and what is shown only once.
export const CreatedSubscriptionSchema = Type.Object(
  {
    ...SubscriptionSchema.properties,
    secret: Type.Optional(Type.String({ description: 'the webhook signing secret (`whsec_…`), shown only now' })),
    manageToken: Type.String({ description: 'bearer token to read, change or delete this subscription; shown only now' }),
  },
  {
    description:
      'The subscription: an e-mail one `pending` until the link mailed to the address is followed, a webhook one `active` with its signing `secret`. `Location` is its URL; `manageToken` (and `secret`) are shown only now.',
    examples: [CREATED_SUBSCRIPTION_EXAMPLE],
  },
);

export const DeliverySchema = Type.Object({
  id: Type.String({ description: 'the notification id (`webhook-id` of webhooks)' }),
  subscriptionId: Type.String(),
  meetingId: Type.String(),
  kind: Type.String(),
  channel: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
});
