import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { instantOf, meetingStream, type ExistingMeeting, type Session } from '@meridian/domain';
import { aggregate } from '@meridian/event-store';
import { countPosition, decodeCursor, firstPage, locationUnder, ownedMeeting, PageQuery, requireOrganiser } from '@meridian/http';
import {
  Disambiguation,
  DocumentSchema,
  ETagHeader,
  IdempotentHeaders,
  LocationHeader,
  IfMatchHeaders,
  LocationSchema,
  MeetingParams,
  MinRevisionQuery,
  Nullable,
  TimeZone,
  problem,
  problems,
} from '../schemas/common.ts';
import { HistorySchema, MeetingListSchema } from '../schemas/resources.ts';
import { executeMeetingCommand, meetingDecider, revisionTag } from '../meeting-commands.ts';
import { meetingResource } from '../resources.ts';
import { meetingLinks } from '../links.ts';
import { awaitRevision } from '../read-your-write.ts';
import type { CreationPosition } from '../read-model/creation-order.ts';

const CreateMeetingBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    timeZone: TimeZone,
    description: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    location: Type.Optional(Nullable(LocationSchema)),
    documents: Type.Optional(Type.Array(DocumentSchema, { maxItems: 200 })),
  },
  {
    additionalProperties: false,
    examples: [
      {
        title: 'Meeting on local government and human rights',
        timeZone: 'Europe/Zurich',
        location: { name: 'Online (MS Teams)', url: 'https://teams.microsoft.com/l/meetup-join/example' },
      },
    ],
  },
);

const PatchMeetingBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    location: Type.Optional(Nullable(Type.Partial(LocationSchema, { description: 'merged into the current location: `{ "url": … }` alone keeps the name' }))),
    documents: Type.Optional(Nullable(Type.Array(DocumentSchema, { maxItems: 200 }))),
  },
  {
    additionalProperties: false,
    description: 'JSON merge patch: fields left out keep their values; null clears',
    examples: [{ location: { name: 'Online (MS Teams)', url: 'https://teams.microsoft.com/l/meetup-join/example' } }],
  },
);

const ListQuery = PageQuery('meetings', { default: 20, maximum: 100 });
const HistoryQuery = PageQuery('events', { default: 500, maximum: 1000 });

/** A meeting answered with its revision as `ETag`, saying what the answer means on the route. */
const meetingResponse = (description: string) => ({ ...Type.Ref('Meeting'), description, headers: ETagHeader });

const MEETING_CANCELLED = 'The meeting is cancelled: nothing can change it (`meeting-cancelled`)';

/** Organiser routes on meetings as a whole, and the public list of published meetings. */
export const meetingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { meetings, config } = app.schedule;

  app.post(
    '/meetings',
    {
      config: { organiser: true, idempotent: true },
      schema: {
        tags: ['meetings'],
        summary: 'Create a meeting',
        description: 'Creates a draft meeting owned by the token\'s organiser. Nothing is public until the first release.',
        operationId: 'createMeeting',
        security: [{ bearer: [] }],
        headers: IdempotentHeaders,
        body: CreateMeetingBody,
        response: {
          201: {
            ...meetingResponse('The meeting, created as a draft without sessions: `Location` is its URL, `ETag` its first revision.'),
            headers: { ...ETagHeader, ...LocationHeader('the new meeting\'s URL, `/meetings/{meetingId}`') },
          },
          ...problems(401, 413, 415),
          400: problem('The body does not match the schema, the time zone is not an IANA zone (`unknown-time-zone`, with `suggestions` of real ones), or a value breaks its rule (`invalid-input`).'),
          412: problem('`If-Match` names a revision, but a new meeting has none yet (`precondition-failed`): send no `If-Match` to create.'),
        },
      },
    },
    async (request, reply) => {
      const meetingId = randomUUID();
      const outcome = await executeMeetingCommand(request, meetingId, 'CreateMeeting', request.body);
      return reply
        .code(201)
        .header('etag', revisionTag(outcome.revision))
        .header('location', locationUnder(config.publicUrl, `/meetings/${meetingId}`))
        .send(meetingResource(outcome.meeting, outcome.revision, config));
    },
  );

  app.get(
    '/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'List meetings',
        description: 'Published meetings for everyone; with a token, also that organiser\'s drafts. Cursor-paginated.',
        operationId: 'listMeetings',
        // The token is optional: without one, the list holds the published meetings only.
        security: [{}, { bearer: [] }],
        querystring: ListQuery,
        response: {
          200: MeetingListSchema,
          400: problem('`limit` is out of range, or `cursor` is not one this service wrote (`invalid-request`, `invalid-input`).'),
          401: problem('A token was sent that is not a configured organiser token (`unauthorized`); without one, the list holds the published meetings.'),
        },
      },
    },
    async (request) => {
      // A token that is not an organiser's is refused, not taken for none: an organiser whose
      // token is mistyped would see their drafts vanish from the list without a word.
      if (request.headers.authorization !== undefined) requireOrganiser(request);
      const limit = request.query.limit ?? 20;
      const after = request.query.cursor === undefined ? null : decodeCursor(request.query.cursor, creationOf);
      // One more than the page: whether another page follows.
      const visible: ExistingMeeting[] = [];
      for (const { meeting } of meetings.inCreationOrder(after)) {
        if (meeting.releases.length === 0 && meeting.organiser !== request.organiser) continue;
        if (visible.push(meeting) > limit) break;
      }
      const page = firstPage(visible, limit, (meeting) => [meeting.createdAt, meeting.id]);
      return { meetings: page.items.map((meeting) => summary(meeting, request.organiser)), next: page.next };
    },
  );

  app.get(
    '/meetings/:meetingId',
    {
      config: { organiser: true },
      schema: {
        tags: ['meetings'],
        summary: 'Read a meeting\'s draft',
        description: 'The draft with its sessions, for the organiser who owns it. `ETag` is the revision.',
        operationId: 'getMeeting',
        security: [{ bearer: [] }],
        params: MeetingParams,
        querystring: MinRevisionQuery,
        response: {
          200: meetingResponse('The draft of the meeting with all its sessions (cancelled ones included); `ETag` is its revision.'),
          ...problems(401, 403, 404, 503),
          400: problem('The meeting id or `minRevision` is malformed (`invalid-request`).'),
        },
      },
    },
    async (request, reply) => {
      const organiser = requireOrganiser(request);
      const { meetingId } = request.params;
      await awaitRevision(app.schedule, meetingId, request.query.minRevision, organiser);
      const entry = meetings.meeting(meetingId);
      const meeting = ownedMeeting(meetingId, entry?.meeting, organiser);
      return reply.header('etag', revisionTag(entry!.revision)).send(meetingResource(meeting, entry!.revision, config));
    },
  );

  app.patch(
    '/meetings/:meetingId',
    {
      config: { organiser: true },
      schema: {
        tags: ['meetings'],
        summary: 'Edit a meeting\'s details',
        description: 'JSON merge patch of title, description, location (with its join link) and documents.',
        operationId: 'updateMeeting',
        security: [{ bearer: [] }],
        params: MeetingParams,
        headers: IfMatchHeaders,
        body: PatchMeetingBody,
        response: {
          200: meetingResponse('The meeting with the patch applied (unchanged when nothing differed); `ETag` is its revision now. Participants see the change with the next release.'),
          ...problems(400, 401, 403, 404, 412, 413, 415),
          409: problem(`${MEETING_CANCELLED}.`),
        },
      },
    },
    async (request, reply) => {
      const { documents, ...details } = request.body;
      const outcome = await executeMeetingCommand(request, request.params.meetingId, 'ChangeMeetingDetails', {
        ...details,
        ...(documents !== undefined && { documents: documents ?? [] }),
      });
      return reply.header('etag', revisionTag(outcome.revision)).send(meetingResource(outcome.meeting, outcome.revision, config));
    },
  );

  app.post(
    '/meetings/:meetingId/time-zone',
    {
      config: { organiser: true, idempotent: true },
      schema: {
        tags: ['meetings'],
        summary: 'Change a meeting\'s time zone',
        description:
          '`keep-wall-times`: 09:20 stays 09:20 in the new zone (the instants move); a wall time that happens twice there takes `disambiguation`, unless its session chose a reading already. `keep-instants`: the sessions stay at the same moments (their wall times are rewritten).',
        operationId: 'changeMeetingTimeZone',
        security: [{ bearer: [] }],
        params: MeetingParams,
        headers: IdempotentHeaders,
        body: Type.Object(
          {
            timeZone: TimeZone,
            policy: Type.Union([Type.Literal('keep-wall-times'), Type.Literal('keep-instants')]),
            // keep-wall-times: for the sessions that have not said so already
            disambiguation: Type.Optional(Nullable(Disambiguation)),
          },
          { additionalProperties: false, examples: [{ timeZone: 'America/New_York', policy: 'keep-wall-times' }] },
        ),
        response: {
          200: meetingResponse('The meeting in its new zone, its sessions\' wall times kept or rewritten as the policy says; `ETag` is its new revision.'),
          ...problems(401, 403, 404, 412, 413, 415),
          400: problem('The body does not match the schema, or the zone is not an IANA zone (`unknown-time-zone`, with `suggestions` of real ones).'),
          409: problem(`${MEETING_CANCELLED}.`),
          422: problem(
            'With `keep-wall-times`, a session\'s wall time does not exist in the new zone (`nonexistent-local-time`), or happens twice there and no `disambiguation` says which is meant (`ambiguous-local-time`), or sessions of one track would overlap there (`sessions-overlap`).',
          ),
        },
      },
    },
    async (request, reply) => {
      const outcome = await executeMeetingCommand(request, request.params.meetingId, 'ChangeTimeZone', request.body);
      return reply.header('etag', revisionTag(outcome.revision)).send(meetingResource(outcome.meeting, outcome.revision, config));
    },
  );

  app.post(
    '/meetings/:meetingId/cancel',
    {
      config: { organiser: true, idempotent: true },
      schema: {
        tags: ['meetings'],
        summary: 'Cancel a meeting',
        description: 'Final. Released at once when the meeting was ever published: feeds mark every session cancelled and subscribers are told.',
        operationId: 'cancelMeeting',
        security: [{ bearer: [] }],
        params: MeetingParams,
        headers: IdempotentHeaders,
        body: Type.Object(
          {
            reason: Type.Optional(Nullable(Type.String({ maxLength: 20000, description: 'why, for the notices and the feeds' }))),
            label: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'the label of the release that announces it (default "Rev.<version>")' }))),
          },
          { additionalProperties: false, examples: [{ reason: 'The meeting is postponed to 2026; a new date will be announced.' }] },
        ),
        response: {
          200: meetingResponse('The meeting, now cancelled; `ETag` is its new revision. A meeting that was ever released is released cancelled at once.'),
          ...problems(400, 401, 403, 404, 412, 413, 415),
          409: problem('The meeting is already cancelled (`meeting-cancelled`).'),
        },
      },
    },
    async (request, reply) => {
      const outcome = await executeMeetingCommand(request, request.params.meetingId, 'CancelMeeting', request.body);
      return reply.header('etag', revisionTag(outcome.revision)).send(meetingResource(outcome.meeting, outcome.revision, config));
    },
  );

  app.get(
    '/meetings/:meetingId/history',
    {
      config: { organiser: true, readsStore: true },
      schema: {
        tags: ['meetings'],
        summary: 'The events of a meeting',
        description: 'Every change ever made, with who made it and when: nothing is overwritten. For the owning organiser.',
        operationId: 'getMeetingHistory',
        security: [{ bearer: [] }],
        params: MeetingParams,
        querystring: HistoryQuery,
        response: { 200: HistorySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const organiser = requireOrganiser(request);
      const { meetingId } = request.params;
      const stream = meetingStream(meetingId);
      ownedMeeting(meetingId, (await aggregate(app.schedule.store, stream, meetingDecider, meetings)).state, organiser);
      const afterVersion = request.query.cursor === undefined ? 0 : decodeCursor(request.query.cursor, countPosition);
      const limit = request.query.limit ?? 500;
      // One more than the page: whether another page follows.
      const page = firstPage(await app.schedule.store.readStream(stream, { afterVersion, limit: limit + 1 }), limit, (event) => [event.version]);
      return {
        next: page.next,
        events: page.items.map((event) => ({
          id: event.id,
          revision: event.version,
          type: event.type,
          data: event.data,
          actor: event.metadata.actor,
          occurredAt: event.metadata.occurredAt,
          recordedAt: event.recordedAt,
          correlationId: event.metadata.correlationId,
        })),
      };
    },
  );

  /**
   * A meeting in the list: its organiser sees the draft, everyone else the latest release (an
   * unreleased edit is nobody else's business yet).
   */
  const summary = (meeting: ExistingMeeting, viewer: string | null) => {
    const release = meeting.releases.at(-1);
    const shown = viewer === meeting.organiser || release === undefined
      ? { details: meeting.details, sessions: meeting.sessions, cancelled: meeting.status === 'cancelled' }
      : release;
    return {
      id: meeting.id,
      title: shown.details.title,
      timeZone: shown.details.timeZone,
      status: shown.cancelled ? ('cancelled' as const) : ('active' as const),
      releasedVersion: release?.version ?? null,
      firstSessionStart: firstStart(shown.sessions.values(), shown.details.timeZone),
      draft: release === undefined,
      links: meetingLinks(config, meeting.id),
    };
  };
};

const firstStart = (sessions: Iterable<Session>, timeZone: string): string | null => {
  let earliest: string | null = null;
  for (const session of sessions) {
    if (session.status === 'cancelled') continue;
    const start = instantOf(session.start, timeZone).toString();
    if (earliest === null || start < earliest) earliest = start;
  }
  return earliest;
};

/** The position a meetings cursor holds: the creation instant and id of the last meeting of its page. */
const creationOf = ([createdAt, id]: readonly unknown[]): CreationPosition | undefined =>
  typeof createdAt === 'string' && typeof id === 'string' ? { createdAt, id } : undefined;
