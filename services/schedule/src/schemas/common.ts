import { Type, type TSchema } from 'typebox';

export const ProblemRef = Type.Ref('Problem');

/** Problem responses by status, for a route's `response` map. */
export const problems = (...statuses: number[]): Record<number, TSchema> =>
  Object.fromEntries(statuses.map((status) => [status, ProblemRef]));

export const Id = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });

export const MeetingParams = Type.Object({ meetingId: Id });
export const SessionParams = Type.Object({ meetingId: Id, sessionId: Id });

export const LocalDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$',
  description: 'a wall-clock date-time in the meeting zone, without offset',
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

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

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
  { additionalProperties: false },
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
  'if-match': Type.Optional(Type.String({ description: 'the revision the change is based on, e.g. `"7"`; a mismatch is a 412' })),
});

export const IdempotentHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'replays the first answer to the same key and body' }),
  ),
  'if-match': Type.Optional(Type.String({ description: 'the meeting revision the change is based on, e.g. `"7"`' })),
});

export const MinRevisionQuery = Type.Object({
  minRevision: Type.Optional(
    Type.Integer({ minimum: 0, description: 'wait briefly until this replica has seen at least this revision (read-your-write)' }),
  ),
});

export const ETagHeader = { ETag: { type: 'string', description: 'the meeting revision, e.g. `"7"`' } } as const;
