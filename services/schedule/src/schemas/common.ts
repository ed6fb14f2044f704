import { Type } from 'typebox';
import { Id, IdParameter, Nullable, routeProblems } from '@meridian/http';
import { MEETING_ID } from './examples.ts';

/**
 * What each error status means on this service's routes, unless a route says more with
 * `problem(…)`. 409 and 422 always depend on the route, so each route describes them.
 */
const PROBLEM_MEANINGS: Readonly<Record<number, string>> = {
  400: 'The request is invalid: a path, query or header parameter or a body field does not match the schema (`invalid-request`, each violation in `errors`), or breaks its rule (`invalid-input`, `invalid-if-match`, `invalid-idempotency-key`).',
  401: 'No bearer token was sent, or it is not a configured organiser token (`unauthorized`).',
  403: 'The token belongs to another organiser than the one who owns this meeting, which is released and so visible (`forbidden`).',
  404: 'No such meeting, or one you may not see (`meeting-not-found`), or no such resource in it (`not-found`).',
  412: 'The `If-Match` revision is not the meeting\'s current one: someone else changed it since it was read; read it again (`precondition-failed`).',
  413: 'The body is larger than the service accepts (`body-too-large`).',
  415: 'The body is neither `application/json` nor, for PATCH, `application/merge-patch+json` (`unsupported-media-type`).',
  503: 'This replica has not yet seen the revision asked for with `minRevision` (`not-caught-up`); retry shortly.',
};

export const { problems, problem } = routeProblems(PROBLEM_MEANINGS);

// The id and nullable schemas both services share, for this service's route modules.
export { Id, IdParameter, Nullable };

export const MeetingId = IdParameter('the meeting\'s id, as `POST /meetings` answered it', MEETING_ID);
export const SessionId = IdParameter('the session\'s id within the meeting, as given or answered when it was added', 'session-1');

export const MeetingParams = Type.Object({ meetingId: MeetingId });
export const SessionParams = Type.Object({ meetingId: MeetingId, sessionId: SessionId });

export const LocalDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$',
  description: 'a wall-clock date-time in the meeting zone, without offset; sessions are held in the years 1900 to 2999 (`invalid-local-time` otherwise)',
  examples: ['2025-11-26T09:20'],
});

export const Instant = Type.String({ description: 'a UTC instant, ISO 8601', examples: ['2025-11-26T08:20:00Z'] });

export const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'an IANA time zone id, returned exactly as given (aliases kept)',
  examples: ['Europe/Zurich'],
});

export const Disambiguation = Type.Union([Type.Literal('earlier'), Type.Literal('later')], {
  description: 'which of two equal wall times is meant, for a time inside a fall-back fold',
});


export const LocationSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, examples: ['Online (MS Teams)'] }),
    url: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 2000, description: 'join link of an online meeting' }))),
  },
  { additionalProperties: false },
);

export const DocumentSchema = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 300 }), url: Type.String({ format: 'uri', maxLength: 2000 }) },
  { additionalProperties: false },
);

export const SpeakerInputSchema = Type.Object(
  {
    id: Type.Optional(Id),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    affiliation: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    role: Type.Optional(Nullable(Type.String({ maxLength: 200, examples: ['moderator', 'panelist'] }))),
  },
  {
    additionalProperties: false,
    examples: [{ id: 'maria-rossi', name: 'Maria Rossi', affiliation: 'United Cities and Local Governments (UCLG)', role: 'moderator' }],
  },
);

export const SpeakerSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  affiliation: Nullable(Type.String()),
  role: Nullable(Type.String()),
});

export const SessionKindSchema = Type.Union(
  ['opening', 'keynote', 'panel', 'workshop', 'break', 'closing', 'other'].map((kind) => Type.Literal(kind)),
);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'the revision the change is based on, e.g. `"7"`; a mismatch, or a weak tag such as `W/"7"`, is a 412 (tags compare strongly)' })),
});

export const IdempotentHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'replays the first answer to the same key and body' }),
  ),
  'if-match': Type.Optional(Type.String({ description: 'the meeting revision the change is based on, e.g. `"7"`' })),
});

/**
 * A whole number in a URL (a revision, a release version). Ajv coerces `1e400` to Infinity, which
 * passes `integer`; the maximum turns it, and any number no meeting reaches, into a 400.
 */
export const UrlInteger = (options: { minimum: number; description: string; examples?: number[] }) =>
  Type.Integer({ ...options, maximum: Number.MAX_SAFE_INTEGER });

export const MinRevision = UrlInteger({ minimum: 0, description: 'wait briefly until this replica has seen at least this revision of the meeting (read-your-write), e.g. the revision a write answered' });

export const MinRevisionQuery = Type.Object({ minRevision: Type.Optional(MinRevision) });

// Response headers for the OpenAPI document (@fastify/swagger moves `description` out of the schema).
export type ResponseHeaders = Readonly<Record<string, Readonly<{ type: 'string'; description: string }>>>;

export const ETagHeader = { ETag: { type: 'string', description: 'the meeting revision, e.g. `"7"`' } } as const;

/** The strong validator of a cached read (agenda, feeds): the same bytes, the same tag. */
export const ContentETagHeader = {
  ETag: {
    type: 'string',
    pattern: '^"[^"]*"$',
    description: 'a strong tag of these exact bytes (a hash); send it back as `If-None-Match` to get a 304 while they have not changed',
  },
} as const;

export { LocationHeader } from '@meridian/http';
