import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { diffDraft, hasChanges, ReleaseNotFoundError } from '@meridian/domain';
import { requireOrganiser } from '@meridian/http';
import { ETagHeader, IdempotentHeaders, MeetingParams, MinRevisionQuery, Nullable, problems } from '../schemas/common.ts';
import { DraftChangesSchema, ReleaseListSchema } from '../schemas/resources.ts';
import { executeMeetingCommand, revisionTag } from '../meeting-commands.ts';
import { releaseResource } from '../resources.ts';
import { ownedMeeting, publishedMeeting } from '../meeting-access.ts';
import { awaitRevision } from '../read-your-write.ts';

const ReleaseBody = Type.Object(
  {
    label: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'defaults to "Rev.<version>"' }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    notify: Type.Optional(Type.Boolean({ description: 'false updates feeds without sending notices (a typo fix)', default: true })),
  },
  { additionalProperties: false, examples: [{ label: 'Rev.1', note: 'First programme' }] },
);

/** Releases: organisers publish versions of the agenda; everyone reads them with their changes. */
export const releaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { meetings, subscribers } = app.schedule;

  app.post(
    '/meetings/:meetingId/releases',
    {
      config: { idempotent: true },
      schema: {
        tags: ['releases'],
        summary: 'Release the agenda',
        description:
          'Publishes the draft as the next version, with the diff against the previous one. Refused (409) when nothing a participant sees changed.',
        security: [{ bearer: [] }],
        params: MeetingParams,
        headers: IdempotentHeaders,
        body: Type.Optional(ReleaseBody),
        response: { 201: { ...Type.Ref('Release'), headers: ETagHeader }, ...problems(400, 401, 403, 404, 409, 412, 413, 415) },
      },
    },
    async (request, reply) => {
      const { meetingId } = request.params;
      const outcome = await executeMeetingCommand(request, meetingId, 'ReleaseAgenda', request.body ?? {});
      const release = outcome.meeting.releases.at(-1)!;
      return reply
        .code(201)
        .header('etag', revisionTag(outcome.revision))
        .header('location', `/meetings/${meetingId}/releases/${release.version}`)
        .send(releaseResource(release));
    },
  );

  app.get(
    '/meetings/:meetingId/releases',
    {
      schema: {
        tags: ['releases'],
        summary: 'List the releases of a meeting',
        description: 'Every published version with what changed in it, oldest first.',
        params: MeetingParams,
        querystring: MinRevisionQuery,
        response: { 200: ReleaseListSchema, ...problems(400, 404, 503) },
      },
    },
    async (request) => {
      const { meetingId } = request.params;
      await awaitRevision(app.schedule, meetingId, request.query.minRevision);
      const meeting = publishedMeeting(meetingId, meetings.meeting(meetingId)?.meeting);
      return { releases: meeting.releases.map(releaseResource) };
    },
  );

  app.get(
    '/meetings/:meetingId/releases/:version',
    {
      schema: {
        tags: ['releases'],
        summary: 'Read one release',
        params: Type.Object({ meetingId: MeetingParams.properties.meetingId, version: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Ref('Release'), ...problems(400, 404) },
      },
    },
    async (request) => {
      const { meetingId, version } = request.params;
      const meeting = publishedMeeting(meetingId, meetings.meeting(meetingId)?.meeting);
      const release = meeting.releases[version - 1];
      if (release === undefined) throw new ReleaseNotFoundError(meetingId, version);
      return releaseResource(release);
    },
  );

  app.get(
    '/meetings/:meetingId/draft/changes',
    {
      schema: {
        tags: ['releases'],
        summary: 'Preview the next release',
        description: 'The diff the next release would carry, and how many notices it would send.',
        security: [{ bearer: [] }],
        params: MeetingParams,
        querystring: MinRevisionQuery,
        response: { 200: DraftChangesSchema, ...problems(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const { meetingId } = request.params;
      await awaitRevision(app.schedule, meetingId, request.query.minRevision);
      const entry = meetings.meeting(meetingId);
      const meeting = ownedMeeting(meetingId, entry?.meeting, requireOrganiser(request));
      const changes = diffDraft(meeting);
      const releasable = hasChanges(changes);
      reply.header('etag', revisionTag(entry!.revision));
      return {
        basedOnVersion: meeting.releases.at(-1)?.version ?? null,
        nextVersion: meeting.releases.length + 1,
        releasable,
        changes,
        notices: releasable ? subscribers.noticesFor(meetingId, changes) : 0,
      };
    },
  );
};
