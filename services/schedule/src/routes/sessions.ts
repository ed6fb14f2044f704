import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SessionNotFoundError } from '@meridian/domain';
import { locationUnder, ownedMeeting, requireOrganiser } from '@meridian/http';
import {
  Disambiguation,
  ETagHeader,
  IdParameter,
  Id,
  IdempotentHeaders,
  IfMatchHeaders,
  LocalDateTime,
  LocationHeader,
  MinRevisionQuery,
  Nullable,
  SessionKindSchema,
  SessionParams,
  MeetingParams,
  SpeakerInputSchema,
  type ResponseHeaders,
  problem,
  problems,
} from '../schemas/common.ts';
import { executeMeetingCommand, revisionTag, type CommandOutcome } from '../meeting-commands.ts';
import { sessionResource } from '../resources.ts';
import { withSpeakerIds, type SpeakerBody } from '../speaker-ids.ts';
import { awaitRevision } from '../read-your-write.ts';
import type { FastifyReply } from 'fastify';

const sessionFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  kind: SessionKindSchema,
  track: Nullable(Type.String({ maxLength: 200, description: 'sessions in one track may not overlap; null is the main track' })),
  start: LocalDateTime,
  end: LocalDateTime,
  description: Nullable(Type.String({ maxLength: 20000 })),
  speakers: Type.Array(SpeakerInputSchema, { maxItems: 200 }),
  disambiguation: Nullable(Disambiguation),
};

const AddSessionBody = Type.Object(
  {
    id: Type.Optional(Id),
    title: sessionFields.title,
    start: sessionFields.start,
    end: sessionFields.end,
    kind: Type.Optional(sessionFields.kind),
    track: Type.Optional(sessionFields.track),
    description: Type.Optional(sessionFields.description),
    speakers: Type.Optional(sessionFields.speakers),
    disambiguation: Type.Optional(sessionFields.disambiguation),
  },
  {
    additionalProperties: false,
    examples: [{ title: 'Session 1: Human rights cities', kind: 'panel', start: '2025-11-26T09:20', end: '2025-11-26T11:00' }],
  },
);

const PatchSessionBody = Type.Object(
  {
    ...Object.fromEntries(Object.entries(sessionFields).map(([name, schema]) => [name, Type.Optional(schema)])),
    speakers: Type.Optional(Nullable(sessionFields.speakers)),
  },
  {
    additionalProperties: false,
    description: 'JSON merge patch: fields left out keep their values (`start` alone keeps `end`, and how its fold was resolved), as do times sent as they are without `disambiguation`; null clears; the result is validated as a whole. `disambiguation` is for the times sent; sent alone, it moves the kept times that fall in a fold to that reading. `speakers` replaces the list, in the order sent',
    examples: [{ start: '2025-11-26T09:30' }],
  },
);

/** A session answered with the meeting's revision as `ETag`, saying what the answer means on the route. */
const sessionResponse = (status: 200 | 201, description: string, headers: ResponseHeaders = ETagHeader) => ({ [status]: { ...Type.Ref('Session'), description, headers } });

const NO_SUCH_SESSION = 'No such meeting (`meeting-not-found`, also for a draft of another organiser), or no such session in it (`session-not-found`).';
const TIME_RULES =
  'The times break a rule: the end is not after the start (`end-not-after-start`), the session overlaps another of its track (`sessions-overlap`), or a wall time does not exist or happens twice in the meeting zone (`nonexistent-local-time`, `ambiguous-local-time`, with `validAlternatives`)';

/** Organiser routes on the sessions of a draft. */
export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sendSession = (reply: FastifyReply, outcome: CommandOutcome, sessionId: string, status = 200) => {
    const session = outcome.meeting.sessions.get(sessionId);
    if (session === undefined) throw new SessionNotFoundError(sessionId);
    return reply
      .code(status)
      .header('etag', revisionTag(outcome.revision))
      .send(sessionResource(session, outcome.meeting.details.timeZone));
  };

  app.post(
    '/meetings/:meetingId/sessions',
    {
      config: { organiser: true, idempotent: true },
      schema: {
        tags: ['sessions'],
        summary: 'Add a session',
        description:
          'Times are wall times in the meeting zone. A time the clocks skip is a 422 naming the nearest valid times; a time that happens twice needs `disambiguation`.',
        operationId: 'addSession',
        security: [{ bearer: [] }],
        params: MeetingParams,
        headers: IdempotentHeaders,
        body: AddSessionBody,
        response: {
          ...sessionResponse(
            201,
            'The session as added to the draft, its wall times with their instants: `Location` is its URL, `ETag` the meeting\'s new revision.',
            { ...ETagHeader, ...LocationHeader('the new session\'s URL, `/meetings/{meetingId}/sessions/{sessionId}`') },
          ),
          ...problems(401, 403, 404, 412, 413, 415),
          400: problem('The body does not match the schema, a time is not written `YYYY-MM-DDTHH:mm` (`invalid-local-time`), or a value breaks its rule (`invalid-input`; `field: sessions` when the meeting has its 2,000 sessions already).'),
          409: problem('The meeting is cancelled (`meeting-cancelled`), or a session with this id exists (`session-already-exists`).'),
          422: problem(`${TIME_RULES}.`),
        },
      },
    },
    async (request, reply) => {
      const { id, speakers, ...fields } = request.body;
      const sessionId = id ?? randomUUID();
      const outcome = await executeMeetingCommand(request, request.params.meetingId, 'AddSession', {
        ...fields,
        sessionId,
        ...(speakers !== undefined && { speakers: withSpeakerIds(speakers) }),
      });
      reply.header('location', locationUnder(app.schedule.config.publicUrl, `/meetings/${request.params.meetingId}/sessions/${sessionId}`));
      return sendSession(reply, outcome, sessionId, 201);
    },
  );

  app.get(
    '/meetings/:meetingId/sessions/:sessionId',
    {
      config: { organiser: true },
      schema: {
        tags: ['sessions'],
        summary: 'Read a session of the draft',
        operationId: 'getSession',
        security: [{ bearer: [] }],
        params: SessionParams,
        querystring: MinRevisionQuery,
        response: {
          ...sessionResponse(200, 'The session as the draft holds it, cancelled or not; `ETag` is the meeting\'s revision.'),
          ...problems(401, 403, 503),
          400: problem('An id or `minRevision` is malformed (`invalid-request`).'),
          404: problem(NO_SUCH_SESSION),
        },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId } = request.params;
      // Only organisers read a draft's session: an anonymous request is refused before any wait.
      const organiser = requireOrganiser(request);
      await awaitRevision(app.schedule, meetingId, request.query.minRevision, organiser);
      const entry = app.schedule.meetings.meeting(meetingId);
      const meeting = ownedMeeting(meetingId, entry?.meeting, organiser);
      return sendSession(reply, { meeting, revision: entry!.revision, events: [] }, sessionId);
    },
  );

  app.patch(
    '/meetings/:meetingId/sessions/:sessionId',
    {
      config: { organiser: true },
      schema: {
        tags: ['sessions'],
        summary: 'Edit, reschedule or re-staff a session',
        operationId: 'updateSession',
        security: [{ bearer: [] }],
        params: SessionParams,
        headers: IfMatchHeaders,
        body: PatchSessionBody,
        response: {
          ...sessionResponse(200, 'The session with the patch applied; `ETag` is the meeting\'s new revision. Participants see the change with the next release.'),
          ...problems(401, 403, 412, 413, 415),
          400: problem('The body does not match the schema, a time is not written `YYYY-MM-DDTHH:mm` (`invalid-local-time`), or a value breaks its rule (`invalid-input`).'),
          404: problem(NO_SUCH_SESSION),
          409: problem('The meeting is cancelled (`meeting-cancelled`), or the session is (`session-cancelled`): restore it before changing it.'),
          422: problem(`${TIME_RULES}.`),
        },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId } = request.params;
      const { speakers, ...fields } = request.body as Record<string, unknown> & { speakers?: SpeakerBody[] | null };
      const current = app.schedule.meetings.meeting(meetingId)?.meeting;
      const outcome = await executeMeetingCommand(request, meetingId, 'ReviseSession', {
        ...fields,
        sessionId,
        ...(speakers !== undefined && { speakers: withSpeakerIds(speakers ?? [], current?.exists ? current.sessions.get(sessionId)?.speakers : []) }),
      });
      return sendSession(reply, outcome, sessionId);
    },
  );

  app.delete(
    '/meetings/:meetingId/sessions/:sessionId',
    {
      config: { organiser: true },
      schema: {
        tags: ['sessions'],
        summary: 'Cancel a session',
        description: 'The session stays, cancelled: after the next release, feeds show it as STATUS:CANCELLED. Cancelling twice changes nothing.',
        operationId: 'cancelSession',
        security: [{ bearer: [] }],
        params: SessionParams,
        headers: IfMatchHeaders,
        querystring: Type.Object({
          reason: Type.Optional(Type.String({ maxLength: 2000, description: 'why it is cancelled, kept in the meeting\'s history (`GET /meetings/{id}/history`) for organisers; participants\' notices and feeds do not show it', examples: ['The speaker cannot attend'] })),
        }),
        response: {
          ...sessionResponse(200, 'The session, cancelled (also when it already was); `ETag` is the meeting\'s revision now.'),
          ...problems(400, 401, 403, 412, 413, 415),
          404: problem(NO_SUCH_SESSION),
          409: problem('The meeting is cancelled: nothing can change it (`meeting-cancelled`).'),
        },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId } = request.params;
      const outcome = await executeMeetingCommand(request, meetingId, 'CancelSession', {
        sessionId,
        reason: request.query.reason ?? null,
      });
      return sendSession(reply, outcome, sessionId);
    },
  );

  app.post(
    '/meetings/:meetingId/sessions/:sessionId/restore',
    {
      config: { organiser: true, idempotent: true },
      schema: {
        tags: ['sessions'],
        summary: 'Restore a cancelled session',
        description:
          'Schedules the session again at its times, checked as if it were added: a change of zone that kept wall times while it was cancelled may have put them in a gap of the new zone, or in a fold, where `disambiguation` says which of the two times is meant. The body may be empty.',
        operationId: 'restoreSession',
        security: [{ bearer: [] }],
        params: SessionParams,
        headers: IdempotentHeaders,
        body: Type.Object({ disambiguation: Type.Optional(Nullable(Disambiguation)) }, { additionalProperties: false, examples: [{}, { disambiguation: 'later' }] }),
        response: {
          ...sessionResponse(200, 'The session, scheduled again at its times; `ETag` is the meeting\'s new revision.'),
          ...problems(400, 401, 403, 412, 413, 415),
          404: problem(NO_SUCH_SESSION),
          409: problem('The session is not cancelled (`session-not-cancelled`), or the meeting is (`meeting-cancelled`).'),
          422: problem(`Restored, the session would break a rule. ${TIME_RULES}.`),
        },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId } = request.params;
      return sendSession(reply, await executeMeetingCommand(request, meetingId, 'RestoreSession', { sessionId, ...request.body }), sessionId);
    },
  );

  app.post(
    '/meetings/:meetingId/sessions/:sessionId/speakers',
    {
      config: { organiser: true, idempotent: true },
      schema: {
        tags: ['sessions'],
        summary: 'Assign a speaker',
        operationId: 'assignSpeaker',
        security: [{ bearer: [] }],
        params: SessionParams,
        headers: IdempotentHeaders,
        body: SpeakerInputSchema,
        response: {
          ...sessionResponse(201, 'The session with the speaker added (given an id when the body had none); `ETag` is the meeting\'s new revision.'),
          ...problems(401, 403, 412, 413, 415),
          400: problem('The body does not match the schema, or a value breaks its rule (`invalid-input`).'),
          404: problem(NO_SUCH_SESSION),
          409: problem('The speaker is already on the session (`speaker-already-assigned`), or the session or the meeting is cancelled (`session-cancelled`, `meeting-cancelled`).'),
        },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId } = request.params;
      const speaker = { ...request.body, id: request.body.id ?? randomUUID() };
      return sendSession(reply, await executeMeetingCommand(request, meetingId, 'AssignSpeaker', { sessionId, speaker }), sessionId, 201);
    },
  );

  app.delete(
    '/meetings/:meetingId/sessions/:sessionId/speakers/:speakerId',
    {
      config: { organiser: true },
      schema: {
        tags: ['sessions'],
        summary: 'Remove a speaker',
        operationId: 'removeSpeaker',
        security: [{ bearer: [] }],
        params: Type.Object({ ...SessionParams.properties, speakerId: IdParameter('the speaker\'s id on the session', 'maria-rossi') }),
        headers: IfMatchHeaders,
        response: {
          ...sessionResponse(200, 'The session without the speaker; `ETag` is the meeting\'s new revision.'),
          ...problems(400, 401, 403, 412, 413, 415),
          404: problem('No such meeting (`meeting-not-found`), no such session in it (`session-not-found`), or the speaker is not on the session (`speaker-not-found`).'),
          409: problem('The session or the meeting is cancelled (`session-cancelled`, `meeting-cancelled`).'),
        },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId, speakerId } = request.params;
      return sendSession(reply, await executeMeetingCommand(request, meetingId, 'RemoveSpeaker', { sessionId, speakerId }), sessionId);
    },
  );
};
