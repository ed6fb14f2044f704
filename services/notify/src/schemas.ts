import { Type, type TSchema } from 'typebox';

export const ProblemRef = Type.Ref('Problem');
export const problems = (...statuses: number[]): Record<number, TSchema> =>
  Object.fromEntries(statuses.map((status) => [status, ProblemRef]));

export const Id = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const SubscriptionParams = Type.Object({ subscriptionId: Id });

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
  sessionIds: Nullable(Type.Array(Id, { maxItems: 500, description: 'sessions of interest (null: all)' })),
  invitations: Type.Boolean({ description: 'e-mail only: also send an iTIP invitation per added, moved or changed session' }),
  eventTypes: Nullable(
    Type.Array(Type.String(), {
      description: 'webhook only: the event types wanted (null: all): agenda.released, session.added, session.rescheduled, session.changed, session.cancelled, session.restored, reminder.due, meeting.cancelled',
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

export const PreferencesBody = Type.Object(
  Object.fromEntries(Object.entries(preferenceFields).map(([name, schema]) => [name, Type.Optional(schema)])),
  { additionalProperties: false },
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
  { $id: 'Subscription' },
);

export const CreatedSubscriptionSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  status: Type.String(),
  channel: Type.Object({ type: Type.String(), address: Type.Optional(Type.String()), url: Type.Optional(Type.String()) }),
  timeZone: Type.String(),
  locale: Type.String(),
  reminders: Type.Array(Type.Integer()),
  sessionIds: Nullable(Type.Array(Type.String())),
  invitations: Type.Boolean(),
  eventTypes: Nullable(Type.Array(Type.String())),
  secret: Type.Optional(Type.String({ description: 'the webhook signing secret (`whsec_…`), shown only now' })),
  manageToken: Type.String({ description: 'bearer token to read, change or delete this subscription; shown only now' }),
});

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
