import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SessionNotFoundError } from '@meridian/domain';
import { requireOrganiser } from '@meridian/http';
import {
  Disambiguation,
  ETagHeader,
  Id,
  IdempotentHeaders,
  LocalDateTime,
  MinRevisionQuery,
  Nullable,
  SessionKindSchema,
  SessionParams,
  MeetingParams,
  SpeakerInputSchema,
  problems,
} from '../schemas/common.ts';
import { executeMeetingCommand, revisionTag, type CommandOutcome } from '../meeting-commands.ts';
import { sessionResource } from '../resources.ts';
import { ownedMeeting } from '../meeting-access.ts';
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
  Object.fromEntries(Object.entries(sessionFields).map(([name, schema]) => [name, Type.Optional(schema)])),
  {
    additionalProperties: false,
    description: 'JSON merge patch: fields left out keep their values (`start` alone keeps `end`); the result is validated as a whole; `speakers` replaces the list',
    examples: [{ start: '2025-11-26T09:30' }],
  },
);

const sessionResponse = (status: 200 | 201) => ({ [status]: { ...Type.Ref('Session'), headers: ETagHeader } });

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
      config: { idempotent: true },
      schema: {
        tags: ['sessions'],
        summary: 'Add a session',
        description:
          'Times are wall times in the meeting zone. A time the clocks skip is a 422 naming the nearest valid times; a time that happens twice needs `disambiguation`.',
        security: [{ bearer: [] }],
        params: MeetingParams,
        headers: IdempotentHeaders,
        body: AddSessionBody,
        response: { ...sessionResponse(201), ...problems(400, 401, 403, 404, 409, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { id, speakers, ...fields } = request.body;
      const sessionId = id ?? randomUUID();
      const outcome = await executeMeetingCommand(request, request.params.meetingId, 'AddSession', {
        ...fields,
        sessionId,
        ...(speakers !== undefined && { speakers: speakers.map((speaker) => ({ ...speaker, id: speaker.id ?? randomUUID() })) }),
      });
      reply.header('location', `/meetings/${request.params.meetingId}/sessions/${sessionId}`);
      return sendSession(reply, outcome, sessionId, 201);
    },
  );

  app.get(
    '/meetings/:meetingId/sessions/:sessionId',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Read a session of the draft',
        security: [{ bearer: [] }],
        params: SessionParams,
        querystring: MinRevisionQuery,
        response: { ...sessionResponse(200), ...problems(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId } = request.params;
      await awaitRevision(app.schedule, meetingId, request.query.minRevision);
      const entry = app.schedule.meetings.meeting(meetingId);
      const meeting = ownedMeeting(meetingId, entry?.meeting, requireOrganiser(request));
      return sendSession(reply, { meeting, revision: entry!.revision, events: [] }, sessionId);
    },
  );

  app.patch(
    '/meetings/:meetingId/sessions/:sessionId',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Edit, reschedule or re-staff a session',
        security: [{ bearer: [] }],
        params: SessionParams,
        headers: IdempotentHeaders,
        body: PatchSessionBody,
        response: { ...sessionResponse(200), ...problems(400, 401, 403, 404, 409, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId } = request.params;
      const { speakers, ...fields } = request.body as Record<string, unknown> & { speakers?: { id?: string; name: string }[] };
      const outcome = await executeMeetingCommand(request, meetingId, 'ReviseSession', {
        ...fields,
        sessionId,
        ...(speakers !== undefined && { speakers: speakers.map((speaker) => ({ ...speaker, id: speaker.id ?? randomUUID() })) }),
      });
      return sendSession(reply, outcome, sessionId);
    },
  );

  app.delete(
    '/meetings/:meetingId/sessions/:sessionId',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Cancel a session',
        description: 'The session stays, cancelled: after the next release, feeds show it as STATUS:CANCELLED. Cancelling twice changes nothing.',
        security: [{ bearer: [] }],
        params: SessionParams,
        headers: IdempotentHeaders,
        querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: { ...sessionResponse(200), ...problems(400, 401, 403, 404, 409, 412) },
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
      config: { idempotent: true },
      schema: {
        tags: ['sessions'],
        summary: 'Restore a cancelled session',
        security: [{ bearer: [] }],
        params: SessionParams,
        headers: IdempotentHeaders,
        response: { ...sessionResponse(200), ...problems(401, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId } = request.params;
      return sendSession(reply, await executeMeetingCommand(request, meetingId, 'RestoreSession', { sessionId }), sessionId);
    },
  );

  app.post(
    '/meetings/:meetingId/sessions/:sessionId/speakers',
    {
      config: { idempotent: true },
      schema: {
        tags: ['sessions'],
        summary: 'Assign a speaker',
        security: [{ bearer: [] }],
        params: SessionParams,
        headers: IdempotentHeaders,
        body: SpeakerInputSchema,
        response: { ...sessionResponse(201), ...problems(400, 401, 403, 404, 409, 412) },
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
      schema: {
        tags: ['sessions'],
        summary: 'Remove a speaker',
        security: [{ bearer: [] }],
        params: Type.Object({ meetingId: Id, sessionId: Id, speakerId: Id }),
        headers: IdempotentHeaders,
        response: { ...sessionResponse(200), ...problems(401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId, speakerId } = request.params;
      return sendSession(reply, await executeMeetingCommand(request, meetingId, 'RemoveSpeaker', { sessionId, speakerId }), sessionId);
    },
  );
};
