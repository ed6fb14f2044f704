import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  MAX_ALARM_MINUTES,
  decidePersonalFeed,
  evolvePersonalFeed,
  initialPersonalFeed,
  personalFeedStream,
  type ExistingMeeting,
  type PersonalFeedCommand,
  type Release,
  type Temporal,
} from '@meridian/domain';
import { buildFeed, meetingIsOver } from '@meridian/calendar';
import { handleCommand } from '@meridian/event-store';
import { HttpErrors, linkToken, verifyLinkToken } from '@meridian/http';
import { ContentETagHeader, Id, IdParameter, LocationHeader, MeetingParams, MinRevisionQuery, problem, problems } from '../schemas/common.ts';
import { awaitRevision } from '../read-your-write.ts';
import { PERSONAL_FEED_EXAMPLE } from '../schemas/examples.ts';
import { meetingIfPublished, publishedMeeting } from '../meeting-access.ts';
import { meetingLinks } from '../links.ts';
import { holdsETag, notModified, type CachedResponse } from '../response-cache.ts';

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';
const FeedParams = Type.Object({
  feedId: IdParameter('the personal feed\'s id', PERSONAL_FEED_EXAMPLE.id),
  token: Type.String({
    minLength: 10,
    maxLength: 100,
    pattern: '^[A-Za-z0-9_-]+(\\.ics)?$',
    description: 'the feed\'s secret token, as in the `url` answered when the feed was made (with or without `.ics`)',
    examples: ['Ly2hy65D3oqzbWtAncdwIM-oAWkZCtRSrsMBtJix-pw.ics'],
  }),
});
// A shared cache may keep the meeting's public feed for five minutes. A personal feed is one
// participant's and revocable: no shared cache may keep it, and a client revalidates it on every
// use (its ETag makes that a 304), so a revoked feed stops at once.
const MEETING_FEED_CACHING = 'public, max-age=300';
const PERSONAL_FEED_CACHING = 'private, no-cache';
const NO_PERSONAL_FEED = 'No such personal feed: revoked, never made, or the token does not match it (`not-found`).';
const calendarResponse = {
  200: { description: 'the iCalendar feed (`text/calendar`)', headers: ContentETagHeader, content: { 'text/calendar': { schema: Type.String() } } },
  304: { description: 'not modified since the ETag in If-None-Match', headers: ContentETagHeader, type: 'null' },
};

const personalFeedDecider = { decide: decidePersonalFeed, evolve: evolvePersonalFeed, initialState: initialPersonalFeed };

/** iCalendar feeds of the latest release: the meeting's own, and revocable personal ones. */
export const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { meetings, personalFeeds, config, clock, store, feedCache: cache } = app.schedule;
  const organizer = config.organizerEmail === null ? undefined : { name: 'Meridian', email: config.organizerEmail };

  /**
   * Sends feed bytes, or a 304 when the client holds them already. The feed routes' handlers are
   * synchronous and send through this: an async handler costs a promise and two microtasks per
   * request, as much as the rest of a 304; a synchronous throw still answers a problem.
   */
  const sendFeed = (request: FastifyRequest, reply: FastifyReply, caching: string, feed: CachedResponse): void => {
    reply.header('etag', feed.etag).header('cache-control', caching);
    if (holdsETag(request.headers['if-none-match'], feed.etag)) notModified(reply);
    else reply.type(CALENDAR_TYPE).send(feed.body);
  };

  /**
   * Runs `send` at once, keeping the handler synchronous (see sendFeed), or once this replica shows
   * `minRevision` of the meeting to a reader who waits for it.
   */
  const sendAtRevision = (meetingId: string, minRevision: number | undefined, send: () => void): void | Promise<void> =>
    minRevision === undefined ? send() : awaitRevision(app.schedule, meetingId, minRevision).then(send);

  const latest = (meeting: ExistingMeeting) => meeting.releases.at(-1)!;

  // A meeting feed's cache keys, made once per release (before and once over): a key built per
  // request is a new string to hash per request, which cost a 304 more than the rest of its handler.
  const meetingFeedKeys = new WeakMap<Release, readonly [upcoming: string, over: string]>();
  const meetingFeedKey = (meetingId: string, release: Release, now: Temporal.Instant) => {
    let keys = meetingFeedKeys.get(release);
    if (keys === undefined) {
      keys = [`${meetingId}\u0000${release.version}\u0000false`, `${meetingId}\u0000${release.version}\u0000true`];
      meetingFeedKeys.set(release, keys);
    }
    return keys[meetingIsOver(release, now) ? 1 : 0];
  };

  /** Sends the meeting's feed (see sendFeed): every session of the latest release. */
  const sendMeetingFeed = (request: FastifyRequest, reply: FastifyReply, meetingId: string): void => {
    const meeting = publishedMeeting(meetingId, meetings.meeting(meetingId)?.meeting);
    const release = latest(meeting);
    const now = clock.now();
    const feed = cache.get(meetingFeedKey(meetingId, release, now), () => {
      const links = meetingLinks(config, meetingId);
      return buildFeed({ meeting, release, now, feedUrl: links.calendar, pageUrl: links.page, ...(organizer && { organizer }) });
    });
    sendFeed(request, reply, MEETING_FEED_CACHING, feed);
  };

  /**
   * The meeting's feed if `ifNoneMatch` names it as the cache keeps it: what a subscribed calendar
   * client sends on every poll. Its 304 is answered as soon as the request is routed (the metrics
   * and CORS hooks still see it), skipping Fastify's validation of the parameters and its way to
   * the handler, which cost a 304 more than finding the feed. A meeting of the read models has a
   * valid id, so no request the validation would refuse is answered; the rest (no tag or another,
   * a feed not kept, no such meeting) goes on to the handler.
   */
  const heldMeetingFeed = (meetingId: string, ifNoneMatch: string | undefined): CachedResponse | undefined => {
    const meeting = ifNoneMatch === undefined ? undefined : meetingIfPublished(meetings.meeting(meetingId)?.meeting);
    const feed = meeting && cache.lookup(meetingFeedKey(meetingId, latest(meeting), clock.now()));
    return feed !== undefined && holdsETag(ifNoneMatch, feed.etag) ? feed : undefined;
  };

  app.get(
    '/meetings/:meetingId/calendar.ics',
    {
      config: { public: true },
      onRequest: (request, reply, done) => {
        // A reader waiting for a revision (`?minRevision=`) may hold the very tag this replica keeps.
        const held = request.query.minRevision === undefined ? heldMeetingFeed(request.params.meetingId, request.headers['if-none-match']) : undefined;
        if (held === undefined) done();
        else sendFeed(request, reply, MEETING_FEED_CACHING, held);
      },
      schema: {
        tags: ['feeds'],
        summary: 'The meeting\'s iCalendar feed',
        description:
          'The latest release, one event per session in the meeting\'s zone (with its VTIMEZONE), SEQUENCE rising with each release that changed a session, cancelled sessions marked until the meeting is over. Subscribe to it with `webcal://`. Strong ETag; 304 on If-None-Match.',
        operationId: 'getCalendarFeed',
        security: [],
        params: MeetingParams,
        querystring: MinRevisionQuery,
        response: {
          ...calendarResponse,
          ...problems(503),
          400: problem('The meeting id or `minRevision` is malformed (`invalid-request`).'),
          404: problem('No such meeting, or none released yet (`meeting-not-found`).'),
        },
      },
    },
    (request, reply) => {
      const { meetingId } = request.params;
      return sendAtRevision(meetingId, request.query.minRevision, () => sendMeetingFeed(request, reply, meetingId));
    },
  );

  app.post(
    '/meetings/:meetingId/personal-feeds',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Make a personal feed',
        description:
          'A tokenised feed URL for one participant: only the sessions they follow, with alarms before each. Keep the URL private; revoke it with DELETE. No personal data is stored.',
        operationId: 'createPersonalFeed',
        security: [],
        params: MeetingParams,
        body: Type.Object(
          {
            sessionIds: Type.Optional(
              Type.Union([Type.Array(Id, { minItems: 1, maxItems: 500 }), Type.Null()], { description: 'the sessions to follow, at least one (null or left out: all)' }),
            ),
            reminders: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: MAX_ALARM_MINUTES }), { maxItems: 5, description: 'minutes before each session (default 15)' })),
          },
          { additionalProperties: false, examples: [{ sessionIds: ['session-1', 'session-2'], reminders: [15] }] },
        ),
        response: {
          201: Type.Object(
            { id: Type.String(), url: Type.String(), webcal: Type.String(), sessionIds: Type.Union([Type.Array(Type.String()), Type.Null()]), reminders: Type.Array(Type.Integer()) },
            {
              description: 'The personal feed: subscribe to `webcal` (or `url`); `Location` is `url`. Keep it private: the token in it is the only key.',
              headers: LocationHeader('the personal feed\'s absolute URL, the same as `url` (its token included)'),
              examples: [PERSONAL_FEED_EXAMPLE],
            },
          ),
          ...problems(413, 415),
          400: problem('The body does not match the schema (`invalid-request`): an empty `sessionIds` (a feed follows at least one session), a reminder out of range, too many of them, a malformed session id.'),
          404: problem('No such meeting, or none released yet (`meeting-not-found`), or a session id that is not in its latest release (`not-found`).'),
        },
      },
    },
    async (request, reply) => {
      const { meetingId } = request.params;
      const meeting = publishedMeeting(meetingId, meetings.meeting(meetingId)?.meeting);
      const unknown = (request.body.sessionIds ?? []).filter((id) => !latest(meeting).sessions.has(id));
      if (unknown.length > 0) throw new HttpErrors.NotFound(`no released session ${unknown.join(', ')} in meeting ${meetingId}`);
      const feedId = randomUUID();
      const now = clock.now();
      const command: PersonalFeedCommand = {
        type: 'CreatePersonalFeed',
        data: { feedId, meetingId, sessionIds: request.body.sessionIds ?? null, ...(request.body.reminders && { alarmsMinutesBefore: request.body.reminders }) },
        now,
      };
      const { state } = await handleCommand(store, personalFeedStream(feedId), personalFeedDecider, command, {
        metadata: { actor: 'participant', correlationId: request.id, occurredAt: now.toString() },
        cache: personalFeeds,
      });
      if (!state.exists) throw new Error('a created feed exists');
      const url = personalFeedUrl(feedId);
      reply.code(201).header('location', url);
      return { id: feedId, url, webcal: url.replace(/^https?:/, 'webcal:'), sessionIds: state.sessionIds === null ? null : [...state.sessionIds], reminders: [...state.alarmsMinutesBefore] };
    },
  );

  // One URL per feed, with `.ics` (calendar clients like to see it), whichever form was fetched.
  const personalFeedUrl = (feedId: string) => `${config.publicUrl}/feeds/${feedId}/${linkToken(config.secret, 'personal-feed', feedId)}.ics`;

  /** The feed the URL names, revoked or not; a 404 for a token we did not sign or a feed never made. */
  const signedFeed = (feedId: string, token: string) => {
    if (!verifyLinkToken(config.secret, 'personal-feed', feedId, token.replace(/\.ics$/, ''))) {
      throw new HttpErrors.NotFound('no such personal feed');
    }
    const feed = personalFeeds.feed(feedId);
    if (feed === undefined || !feed.exists) throw new HttpErrors.NotFound('no such personal feed (not created)');
    return feed;
  };

  /** Sends a personal feed (see sendFeed): the followed sessions of the latest release, with their alarms. */
  const sendPersonalFeed = (request: FastifyRequest, reply: FastifyReply, feedId: string, feed: ReturnType<typeof signedFeed>): void => {
    const meeting = publishedMeeting(feed.meetingId, meetings.meeting(feed.meetingId)?.meeting);
    const release = latest(meeting);
    const now = clock.now();
    const rendered = cache.get(`personal\u0000${feedId}\u0000${release.version}\u0000${meetingIsOver(release, now)}`, () =>
      buildFeed({
        meeting,
        release,
        now,
        feedUrl: personalFeedUrl(feedId),
        pageUrl: meetingLinks(config, meeting.id).page,
        ...(organizer && { organizer }),
        personal: { sessionIds: feed.sessionIds === null ? null : new Set(feed.sessionIds), alarmsMinutesBefore: feed.alarmsMinutesBefore },
      }),
    );
    sendFeed(request, reply, PERSONAL_FEED_CACHING, rendered);
  };

  app.get(
    '/feeds/:feedId/:token',
    {
      config: { public: true },
      schema: {
        tags: ['feeds'],
        summary: 'A personal iCalendar feed',
        description: 'The followed sessions of the latest release, with a VALARM per reminder. 404 once revoked. `Cache-Control: private, no-cache`: no shared cache keeps it, and clients revalidate it (strong ETag; 304 on If-None-Match).',
        operationId: 'getPersonalFeed',
        security: [],
        params: FeedParams,
        querystring: MinRevisionQuery,
        response: {
          ...calendarResponse,
          ...problems(503),
          400: problem('The feed id, the token or `minRevision` (the meeting\'s) is malformed (`invalid-request`).'),
          404: problem(NO_PERSONAL_FEED),
        },
      },
    },
    (request, reply) => {
      const { feedId, token } = request.params;
      const feed = signedFeed(feedId, token);
      if (feed.revoked) throw new HttpErrors.NotFound('no such personal feed (revoked)');
      return sendAtRevision(feed.meetingId, request.query.minRevision, () => sendPersonalFeed(request, reply, feedId, feed));
    },
  );

  app.delete(
    '/feeds/:feedId/:token',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Revoke a personal feed',
        description: 'The URL stops working at once (404). Revoking twice is no error: the second answers 204 as well.',
        operationId: 'revokePersonalFeed',
        security: [],
        params: FeedParams,
        response: {
          204: Type.Null({ description: 'Revoked: the feed\'s URL answers 404 from now on.' }),
          400: problem('The feed id or token is malformed (`invalid-request`).'),
          404: problem(NO_PERSONAL_FEED),
          ...problems(413, 415),
        },
      },
    },
    async (request, reply) => {
      const { feedId, token } = request.params;
      // Revoking twice is no error: the second finds the feed revoked and changes nothing.
      if (signedFeed(feedId, token).revoked) return reply.code(204).send(null);
      const now = clock.now();
      await handleCommand(store, personalFeedStream(feedId), personalFeedDecider, { type: 'RevokePersonalFeed', data: { feedId }, now }, {
        metadata: { actor: 'participant', correlationId: request.id, occurredAt: now.toString() },
        cache: personalFeeds,
      });
      return reply.code(204).send(null);
    },
  );
};
