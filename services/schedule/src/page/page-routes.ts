import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { UnknownTimeZoneError, validateTimeZone } from '@meridian/domain';
import { buildFeed, meetingIsOver, showsSession } from '@meridian/calendar';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpErrors, problemOf } from '@meridian/http';
import { ContentETagHeader, MeetingParams, MinRevisionQuery, SessionParams, problems } from '../schemas/common.ts';
import { awaitRevision } from '../read-your-write.ts';
import { publishedMeeting } from '../meeting-access.ts';
import { meetingLinks } from '../links.ts';
import { gzipOnce, sendCacheable } from './cacheable-response.ts';
import { ResponseCache } from '../response-cache.ts';
import { negotiatePageLanguage } from './page-language.ts';
import { todayOf, type ZoneError } from './page-context.ts';
import { pageLocalizerFor } from './page-localizer.ts';
import { pageLanguageTag, renderAgendaPage } from './render-page.ts';
import { renderErrorPage } from './render-error-page.ts';
import { loadPageAssets } from './static-assets.ts';
import { sessionEventPath } from './subscribe-links.ts';

const PageQuery = Type.Object({
  tz: Type.Optional(Type.String({ maxLength: 64 })),
  lang: Type.Optional(Type.String({ maxLength: 35 })),
});

const HTML = 'text/html; charset=utf-8';

/** The reader's language for an error page: as the page would choose it, unless `?lang=` is what went wrong. */
const errorPageLanguage = (request: FastifyRequest) => {
  const { lang } = (request.query ?? {}) as { lang?: unknown };
  try {
    return negotiatePageLanguage(typeof lang === 'string' ? lang : undefined, request.headers['accept-language']);
  } catch {
    return negotiatePageLanguage(undefined, request.headers['accept-language']);
  }
};
/** How long a browser or proxy may reuse a page: a new release shows within a minute. */
const PAGE_CACHE = 'public, max-age=60';
/** Fingerprinted assets never change under their path. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * The participants' agenda page `GET /m/{meetingId}`, its two fingerprinted assets, and a
 * one-session `.ics` for its "add to calendar" links.
 */
export const pageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { meetings, config, clock, feedCache } = app.schedule;
  const assets = loadPageAssets();
  // Pages are kept with their gzip (a fraction of their size), within 16 MB of pages.
  const pages = new ResponseCache(16 * 1024 * 1024);
  const assetsByPath = new Map([assets.css, assets.js].map((asset) => [asset.path, asset]));
  const notifyOrigin = config.notifyUrl === null ? null : new URL(config.notifyUrl).origin;
  const contentSecurityPolicy = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${notifyOrigin === null ? '' : ` ${notifyOrigin}`}`,
    // The "notify me" form posts to the notify service when the script does not run.
    `form-action 'self'${notifyOrigin === null ? '' : ` ${notifyOrigin}`}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  const securityHeaders = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', contentSecurityPolicy)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'strict-origin-when-cross-origin');

  // A reader who followed a stale link, or mistyped ?lang=, gets a page; an API client its problem.
  const pageErrorHandler = (error: Error, request: FastifyRequest, reply: FastifyReply) => {
    // Thrown on, an error reaches the service's own handler: the problem+json of every route.
    if (!/\btext\/html\b/.test(request.headers.accept ?? '')) throw error;
    const problem = problemOf(error, request.id, app.problemTypes);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    const l = pageLocalizerFor(errorPageLanguage(request).locale);
    return securityHeaders(reply)
      .code(problem.status)
      .header('cache-control', 'no-store')
      .header('content-language', pageLanguageTag(l))
      .header('vary', 'accept-language')
      .type(HTML)
      .send(renderErrorPage(problem, assets.css.path, l));
  };

  app.get(
    '/m/:meetingId',
    { schema: { hide: true, params: MeetingParams, querystring: PageQuery }, errorHandler: pageErrorHandler },
    async (request, reply) => {
      const { meetingId } = request.params;
      const meeting = publishedMeeting(meetingId, meetings.meeting(meetingId)?.meeting);
      const meetingZone = meeting.releases.at(-1)!.details.timeZone;
      const language = negotiatePageLanguage(request.query.lang, request.headers['accept-language']);
      // An unknown ?tz= is the reader's to correct: the page in the meeting's zone, the error by the picker.
      let zoneError: ZoneError | null = null;
      let viewerZone = meetingZone;
      if (request.query.tz !== undefined && request.query.tz !== '') {
        try {
          viewerZone = validateTimeZone(request.query.tz);
        } catch (error) {
          if (!(error instanceof UnknownTimeZoneError)) throw error;
          zoneError = { value: request.query.tz, suggestions: (error.details as { suggestions: string[] }).suggestions };
        }
      }
      const zoneChosen = request.query.tz !== undefined && request.query.tz !== '' && zoneError === null;
      const now = clock.now();
      const render = () =>
        renderAgendaPage({ meeting, viewerZone, zoneChosen, zoneError, language, now, config, assets: { css: assets.css.path, js: assets.js.path } });
      securityHeaders(reply)
        .header('content-language', pageLanguageTag(pageLocalizerFor(language.locale)))
        .header('vary', 'accept-language');
      if (zoneError !== null) {
        return sendCacheable(request, reply.code(400), { contentType: HTML, body: Buffer.from(render(), 'utf8'), cacheControl: 'no-store' });
      }
      // Everything the bytes depend on: readers in the same zone and language share one rendering.
      const key = [meetingId, meeting.releases.length, viewerZone, zoneChosen, language.locale, language.explicit, todayOf(now).toString()].join('\u0000');
      const page = pages.get(key, render);
      return sendCacheable(request, reply, { contentType: HTML, body: page.body, etag: page.etag, gzip: () => gzipOnce(page), cacheControl: PAGE_CACHE });
    },
  );

  app.get(
    '/assets/:file',
    { config: { public: true }, schema: { hide: true, params: Type.Object({ file: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => {
      const asset = assetsByPath.get(`/assets/${request.params.file}`);
      if (asset === undefined) throw new HttpErrors.NotFound(`no asset ${request.params.file}`);
      reply.header('x-content-type-options', 'nosniff');
      return sendCacheable(request, reply, { contentType: asset.contentType, body: asset.body, gzip: asset.gzip, etag: asset.etag, cacheControl: ASSET_CACHE });
    },
  );

  app.get(
    '/meetings/:meetingId/sessions/:sessionId/event.ics',
    {
      config: { public: true },
      schema: {
        tags: ['feeds'],
        operationId: 'getSessionEvent',
        security: [],
        summary: 'One session as an iCalendar file',
        description:
          'The session of the latest release as a one-event calendar, with the same UID and SEQUENCE as in the meeting\'s feed, so that a calendar holding both keeps one event. The agenda page\'s "add to calendar" links point here. A cancelled session is served marked cancelled until the meeting is over, then no longer (404), as the feed drops it. Strong ETag; 304 on If-None-Match.',
        params: SessionParams,
        querystring: MinRevisionQuery,
        response: {
          200: { description: 'the iCalendar file (`text/calendar`)', headers: ContentETagHeader, content: { 'text/calendar': { schema: Type.String() } } },
          304: { description: 'not modified since the ETag in If-None-Match', headers: ContentETagHeader, type: 'null' },
          ...problems(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { meetingId, sessionId } = request.params;
      await awaitRevision(app.schedule, meetingId, request.query.minRevision);
      const meeting = publishedMeeting(meetingId, meetings.meeting(meetingId)?.meeting);
      const release = meeting.releases.at(-1)!;
      const session = release.sessions.get(sessionId);
      if (session === undefined) throw new HttpErrors.NotFound(`no released session ${sessionId} in meeting ${meetingId}`);
      const now = clock.now();
      const over = meetingIsOver(release, now);
      // A file with no event would add nothing to a calendar, or fail to import.
      if (!showsSession(release, session, over)) throw new HttpErrors.NotFound(`session ${sessionId} was cancelled and meeting ${meetingId} is over`);
      const feed = feedCache.get(`event\u0000${meetingId}\u0000${sessionId}\u0000${release.version}\u0000${over}`, () =>
        buildFeed({
          meeting,
          release,
          now,
          feedUrl: sessionEventPath(config.publicUrl, meetingId, sessionId),
          pageUrl: meetingLinks(config, meetingId).page,
          ...(config.organizerEmail === null ? {} : { organizer: { name: 'Meridian', email: config.organizerEmail } }),
          personal: { sessionIds: new Set([sessionId]), alarmsMinutesBefore: [] },
        }),
      );
      reply.header('content-disposition', `attachment; filename="${sessionId}.ics"`);
      return sendCacheable(request, reply, { contentType: 'text/calendar; charset=utf-8', body: feed.body, etag: feed.etag, cacheControl: 'public, max-age=300' });
    },
  );
};
