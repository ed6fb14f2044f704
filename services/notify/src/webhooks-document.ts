import { Type, type TSchema } from 'typebox';
import { WEBHOOK_EXAMPLES } from './webhook-examples.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const WebhookTime = Type.Object({
  utc: Type.String({ examples: ['2025-11-26T14:00:00Z'] }),
  meeting: Type.Object({ local: Type.String({ examples: ['2025-11-26T15:00'] }), offset: Type.String(), abbreviation: Type.String({ examples: ['CET'] }) }),
  subscriber: Type.Object({
    local: Type.String({ examples: ['2025-11-26T09:00'] }),
    offset: Type.String(),
    abbreviation: Type.String({ examples: ['EST'] }),
    timeZone: Type.String(),
    dayShift: Type.Integer({ description: 'the subscriber\'s local date minus the meeting\'s' }),
  }),
});

const Release = {
  meeting: Type.Object({ id: Type.String(), title: Type.String(), timeZone: Type.String() }),
  version: Type.Integer(),
  label: Type.String(),
  note: Nullable(Type.String()),
  releasedAt: Type.String(),
  subscriber: Type.Object({ timeZone: Type.String(), locale: Type.String(), language: Type.String() }),
};

const SessionChange = Type.Object({
  kind: Type.Union(['added', 'moved', 'changed', 'cancelled', 'restored'].map((kind) => Type.Literal(kind))),
  sessionId: Type.String(),
  title: Type.String(),
  sequence: Type.Integer({ description: 'the session\'s iCalendar SEQUENCE after this release' }),
  fields: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  start: WebhookTime,
  end: WebhookTime,
  previous: Nullable(Type.Object({ start: WebhookTime, end: WebhookTime })),
});

const ReleaseData = Type.Object({
  ...Release,
  published: Type.Boolean(),
  meetingCancelled: Type.Boolean(),
  meetingChanges: Type.Array(Type.Object({ field: Type.String(), value: Type.Unknown() })),
  changes: Type.Array(SessionChange),
  digest: Type.Unknown({ description: 'the digest the e-mail renders, structured, in the subscriber\'s language' }),
});

const SessionData = Type.Object({ ...Release, session: SessionChange });

const ReminderData = Type.Object({
  meeting: Release.meeting,
  session: Type.Object({ id: Type.String(), title: Type.String(), start: WebhookTime, end: WebhookTime, joinUrl: Nullable(Type.String()) }),
  minutesBefore: Type.Integer(),
  dueAt: Type.String(),
  subscriber: Release.subscriber,
});

/** The Standard Webhooks headers every webhook is sent with. */
const SIGNATURE_HEADERS = [
  {
    name: 'webhook-id',
    description: 'the notification id, the same on every retry and replay: deduplicate on it',
    example: 'ntf_cf013d1ef4218fa3bc6206bfbc412859',
  },
  { name: 'webhook-timestamp', description: 'when this attempt was signed, in seconds since the Unix epoch: refuse old ones', example: '1763458200' },
  {
    name: 'webhook-signature',
    description: 'space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>` signatures with the `whsec_` secret: two during a secret rotation',
    example: 'v1,1I8T/1Q02y9l50PSvXP9tVhhHbzBKOANcFd6QAI4lMc=',
  },
].map((header) => ({ ...header, in: 'header', required: true, schema: { type: 'string' } }));

/**
 * What a receiver may answer with its 410: an RFC 9457 problem document, whose members are all
 * optional there. The service reads only the status.
 */
const ReceiverProblem = Type.Object(
  {
    type: Type.Optional(Type.String()),
    title: Type.Optional(Type.String()),
    status: Type.Optional(Type.Integer()),
    detail: Type.Optional(Type.String()),
  },
  { description: 'an RFC 9457 problem document, if the receiver sends one; its content is not read' },
);

/** `session.rescheduled` → `onSessionRescheduled`: the handler an integrator writes for it. */
const operationIdOf = (type: string): string => `on${type.split('.').map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')}`;

const envelope = (type: string, data: TSchema, description: string) => ({
  post: {
    summary: type,
    description: `${description}\n\nSigned per Standard Webhooks: \`webhook-id\` (the same on every retry: deduplicate on it), \`webhook-timestamp\` (seconds), \`webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>\` with the \`whsec_\` secret (two signatures during a secret rotation). Answer 2xx; 410 ends the subscription; other failures are retried with exponential backoff (\`Retry-After\` honoured).`,
    operationId: operationIdOf(type),
    // The receiver authenticates the sender by the signature, not by an OpenAPI security scheme.
    security: [],
    parameters: SIGNATURE_HEADERS,
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: Type.Object({ type: Type.Literal(type), timestamp: Type.String({ description: 'when the event happened, UTC' }), data }),
          example: WEBHOOK_EXAMPLES[type],
        },
      },
    },
    responses: {
      '2XX': { description: 'Received: the notice counts as delivered and is not sent again.' },
      '410': {
        description: 'Gone: the endpoint no longer wants notices, so the subscription ends and its personal data is erased.',
        content: { 'application/problem+json': { schema: ReceiverProblem } },
      },
    },
  },
});

/** The OpenAPI 3.1 `webhooks` section: every payload the notify service sends. */
export const webhooksDocument = (): Record<string, unknown> => ({
  'agenda.released': envelope('agenda.released', ReleaseData, 'One per release that concerns the subscriber: the whole digest, every time in the subscriber\'s zone, the meeting\'s zone and UTC.'),
  'session.added': envelope('session.added', SessionData, 'A session was added by a release.'),
  'session.rescheduled': envelope('session.rescheduled', SessionData, 'A session moved; `previous` holds its old times.'),
  'session.changed': envelope('session.changed', SessionData, 'A session\'s title, description, speakers, kind or track changed, or the meeting\'s location or documents, which every session\'s calendar event shows (`fields` says which). Each changed session is sent once, under the type of its main change: one that also moved is a `session.rescheduled`, one also cancelled or restored a `session.cancelled` or `session.restored`, and `fields` of those lists what else changed; subscribe to them too to see every change.'),
  'session.cancelled': envelope('session.cancelled', SessionData, 'A session was cancelled (also for every session of a cancelled meeting).'),
  'session.restored': envelope('session.restored', SessionData, 'A cancelled session was restored.'),
  'meeting.cancelled': envelope('meeting.cancelled', ReleaseData, 'The meeting was cancelled, told at once.'),
  'reminder.due': envelope('reminder.due', ReminderData, 'A session starts in `minutesBefore` minutes.'),
  'webhook.ping': envelope('webhook.ping', Type.Object({ subscriptionId: Type.String(), meetingId: Type.String() }), 'Sent on demand by `POST /subscriptions/{id}/ping`.'),
});
