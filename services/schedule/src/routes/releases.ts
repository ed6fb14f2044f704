import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { diffDraft, hasChanges, ReleaseNotFoundError } from '@meridian/domain';
import { countPosition, decodeCursor, firstPage, locationUnder, ownedMeeting, PageQuery, requireOrganiser } from '@meridian/http';
import { ETagHeader, IdempotentHeaders, LocationHeader, MeetingParams, MinRevisionQuery, Nullable, problem, problems, UrlInteger } from '../schemas/common.ts';
import { DraftChangesSchema, ReleaseListSchema } from '../schemas/resources.ts';
import { executeMeetingCommand, revisionTag } from '../meeting-commands.ts';
import { releaseResource } from '../resources.ts';
import { publishedMeeting } from '../meeting-access.ts';
import { awaitRevision } from '../read-your-write.ts';

const ReleaseBody = Type.Object(
  {
    label: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'defaults to "Rev.<version>"' }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    notify: Type.Optional(Type.Boolean({ description: 'false updates feeds, and the calendars holding the sessions through invitations, without sending notices (a typo fix)', default: true })),
  },
  { additionalProperties: false, examples: [{ label: 'Rev.1', note: 'First programme' }] },
);

/** Releases: organisers publish versions of the agenda; everyone reads them with their changes. */
export const releaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { meetings, subscribers } = app.schedule;

  app.post(
    '/meetings/:meetingId/releases',
    {
      config: { organiser: true, idempotent: true },
      schema: {
        tags: ['releases'],
        summary: 'Release the agenda',
        description:
          'Publishes the draft as the next version, with the diff against the previous one. Refused (409) when nothing a participant sees changed.',
        operationId: 'releaseAgenda',
        security: [{ bearer: [] }],
        params: MeetingParams,
        headers: IdempotentHeaders,
        body: ReleaseBody,
        response: {
          201: {
            ...Type.Ref('Release'),
            description: 'The new release with its diff against the previous one: `Location` is its URL, `ETag` the meeting\'s new revision. Feeds show it at once; subscribers are told unless `notify` is false.',
            headers: { ...ETagHeader, ...LocationHeader('the new release\'s URL, `/meetings/{meetingId}/releases/{version}`') },
          },
          ...problems(400, 401, 403, 404, 412, 413, 415),
          409: problem(
            'Nothing a participant sees changed since the last release (`nothing-to-release`), or the meeting is cancelled (`meeting-cancelled`).',
          ),
        },
      },
    },
    async (request, reply) => {
      const { meetingId } = request.params;
      const outcome = await executeMeetingCommand(request, meetingId, 'ReleaseAgenda', request.body ?? {});
      const release = outcome.meeting.releases.at(-1)!;
      return reply
        .code(201)
        .header('etag', revisionTag(outcome.revision))
        .header('location', locationUnder(app.schedule.config.publicUrl, `/meetings/${meetingId}/releases/${release.version}`))
        .send(releaseResource(release));
    },
  );

  app.get(
    '/meetings/:meetingId/releases',
    {
      config: { public: true },
      schema: {
        tags: ['releases'],
        summary: 'List the releases of a meeting',
        description: 'Every published version with what changed in it, oldest first.',
        operationId: 'listReleases',
        security: [],
        params: MeetingParams,
        querystring: Type.Object({ ...MinRevisionQuery.properties, ...PageQuery('releases', { default: 50, maximum: 100 }).properties }),
        response: {
          200: ReleaseListSchema,
          ...problems(503),
          400: problem('The meeting id or `minRevision` is malformed (`invalid-request`).'),
          404: problem('No such meeting, or it has no release yet (`meeting-not-found`).'),
        },
      },
    },
    async (request) => {
      const { meetingId } = request.params;
      await awaitRevision(app.schedule, meetingId, request.query.minRevision, request.organiser);
      const meeting = publishedMeeting(meetingId, meetings.meeting(meetingId)?.meeting);
      // Version n is at index n - 1: those after the cursor's version start at its index.
      const after = request.query.cursor === undefined ? 0 : decodeCursor(request.query.cursor, countPosition);
      const page = firstPage(meeting.releases.slice(after), request.query.limit ?? 50, (release) => [release.version]);
      return { releases: page.items.map(releaseResource), next: page.next };
    },
  );

  app.get(
    '/meetings/:meetingId/releases/:version',
    {
      config: { public: true },
      schema: {
        tags: ['releases'],
        summary: 'Read one release',
        operationId: 'getRelease',
        security: [],
        params: Type.Object({
          meetingId: MeetingParams.properties.meetingId,
          version: UrlInteger({ minimum: 1, description: 'the release number: 1 for the first release', examples: [2] }),
        }),
        // A release's `Location` may be followed on a replica that has not seen the release yet.
        querystring: MinRevisionQuery,
        response: {
          200: { ...Type.Ref('Release'), description: 'The release with what changed in it against the previous one.' },
          ...problems(503),
          400: problem('The meeting id, the version or `minRevision` is malformed (`invalid-request`).'),
          404: problem('No such meeting, or none released yet (`meeting-not-found`), or no such version of it (`release-not-found`).'),
        },
      },
    },
    async (request) => {
      const { meetingId, version } = request.params;
      await awaitRevision(app.schedule, meetingId, request.query.minRevision, request.organiser);
      const meeting = publishedMeeting(meetingId, meetings.meeting(meetingId)?.meeting);
      const release = meeting.releases[version - 1];
      if (release === undefined) throw new ReleaseNotFoundError(meetingId, version);
      return releaseResource(release);
    },
  );

  app.get(
    '/meetings/:meetingId/draft/changes',
    {
      config: { organiser: true },
      schema: {
        tags: ['releases'],
        summary: 'Preview the next release',
        description: 'The diff the next release would carry, and how many notices it would send.',
        operationId: 'previewRelease',
        security: [{ bearer: [] }],
        params: MeetingParams,
        querystring: MinRevisionQuery,
        response: {
          200: { ...DraftChangesSchema, headers: ETagHeader },
          ...problems(401, 403, 404, 503),
          400: problem('The meeting id or `minRevision` is malformed (`invalid-request`).'),
        },
      },
    },
    async (request, reply) => {
      const { meetingId } = request.params;
      await awaitRevision(app.schedule, meetingId, request.query.minRevision, request.organiser);
      const entry = meetings.meeting(meetingId);
      const meeting = ownedMeeting(meetingId, entry?.meeting, requireOrganiser(request));
      const changes = diffDraft(meeting);
      // Nothing changes a cancelled meeting: a published one was released with its cancellation,
      // one never published stays a draft for good (a release is a 409).
      const releasable = meeting.status !== 'cancelled' && hasChanges(changes);
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
