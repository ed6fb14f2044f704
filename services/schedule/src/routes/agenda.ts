import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { projectAgenda, ReleaseNotFoundError, validateTimeZone } from '@meridian/domain';
import { ContentETagHeader, MeetingParams, MinRevision, problem, problems, UrlInteger } from '../schemas/common.ts';
import { publishedMeeting } from '../meeting-access.ts';
import { negotiateLocale } from '../locale-negotiation.ts';
import { meetingLinks } from '../links.ts';
import { awaitRevision } from '../read-your-write.ts';
import { holdsETag, notModified } from '../response-cache.ts';

const AgendaQuery = Type.Object({
  tz: Type.Optional(Type.String({ maxLength: 64, description: 'the viewer\'s IANA zone (default: the meeting zone)', examples: ['Asia/Tokyo'] })),
  locale: Type.Optional(
    Type.String({ maxLength: 35, description: 'BCP 47 locale of the texts (default: from Accept-Language, else en)', examples: ['en-GB'] }),
  ),
  version: Type.Optional(UrlInteger({ minimum: 1, description: 'a released version (default: the latest)' })),
  minRevision: Type.Optional(MinRevision),
});

/** The agenda as participants see it: a released version, in their own zone and language. */
export const agendaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { meetings, config, agendaCache } = app.schedule;

  app.get(
    '/meetings/:meetingId/agenda',
    {
      config: { public: true },
      schema: {
        tags: ['agenda'],
        summary: 'The agenda in any time zone',
        description:
          'The latest (or given) release projected into `tz`: for each start and end, the instant, the wall time in the meeting zone and in the viewer\'s, the offset, the zone abbreviation for the locale, and the day shift.',
        operationId: 'getAgenda',
        security: [],
        params: MeetingParams,
        querystring: AgendaQuery,
        response: {
          200: {
            ...Type.Ref('Agenda'),
            description: 'The release projected into `tz`, texts in the negotiated locale (`Vary: Accept-Language`); cancelled sessions are listed as such. Strong `ETag` of the bytes.',
            headers: ContentETagHeader,
          },
          304: { description: 'Not modified since the ETag sent in If-None-Match.', headers: ContentETagHeader, type: 'null' },
          ...problems(503),
          400: problem(
            '`tz` is not an IANA zone (`unknown-time-zone`, with `suggestions` of real ones: CET or UTC+1 are refused), `locale` is not a locale the service formats dates in (`unknown-locale`), or a parameter is malformed (`invalid-request`).',
          ),
          404: problem('No such meeting, or none released yet (`meeting-not-found`), or no such released version (`release-not-found`).'),
        },
      },
    },
    async (request, reply) => {
      const { meetingId } = request.params;
      await awaitRevision(app.schedule, meetingId, request.query.minRevision, request.organiser);
      const meeting = publishedMeeting(meetingId, meetings.meeting(meetingId)?.meeting);
      const version = request.query.version;
      const release = version === undefined ? meeting.releases.at(-1) : meeting.releases[version - 1];
      if (release === undefined) throw new ReleaseNotFoundError(meetingId, version ?? null);
      const viewerZone = request.query.tz === undefined ? release.details.timeZone : validateTimeZone(request.query.tz);
      const locale = negotiateLocale(request.query.locale, request.headers['accept-language']);
      // Rendered once per (release, zone, locale): a projection formats hundreds of instants.
      const rendered = agendaCache.get(`${meetingId}\u0000${release.version}\u0000${viewerZone}\u0000${locale}`, () =>
        JSON.stringify({ ...projectAgenda(meeting, release, { viewerZone, locale }), links: meetingLinks(config, meetingId) }),
      );
      reply.header('vary', 'accept-language').header('etag', rendered.etag);
      if (holdsETag(request.headers['if-none-match'], rendered.etag)) return notModified(reply);
      return reply.type('application/json; charset=utf-8').send(rendered.body);
    },
  );
};
