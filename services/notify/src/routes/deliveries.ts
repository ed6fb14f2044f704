import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MeetingNotFoundError } from '@meridian/domain';
import { HttpErrors, requireOrganiser } from '@meridian/http';
import { DeliverySchema, Id, Nullable, problems } from '../schemas.ts';
import type { OutboxEntry } from '../db/outbox.ts';

const toDelivery = (entry: OutboxEntry) => ({
  id: entry.id,
  subscriptionId: entry.subscriptionId,
  meetingId: entry.meetingId,
  kind: entry.kind,
  channel: entry.message.channel,
  status: entry.status,
  attempts: entry.attempts,
  lastError: entry.lastError,
  createdAt: entry.createdAt,
  deliveredAt: entry.deliveredAt,
});

/** Organisers see the deliveries of their meetings, the failed ones above all, and retry them. */
export const deliveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { tables, meetings, clock, worker } = app.notify;

  /** The meetings whose deliveries the organiser may see: the one asked for, or all of theirs. */
  const ownedMeetingIds = async (organiser: string, meetingId: string | undefined): Promise<string[]> => {
    if (meetingId !== undefined) {
      const meeting = await meetings.load(meetingId);
      if (meeting === undefined || meeting.organiser !== organiser) throw new MeetingNotFoundError(meetingId);
      return [meetingId];
    }
    const ids = new Set<string>();
    for (const row of app.notify.db.prepare('SELECT DISTINCT meeting_id FROM subscriptions').all() as { meeting_id: string }[]) {
      if ((await meetings.load(row.meeting_id))?.organiser === organiser) ids.add(row.meeting_id);
    }
    return [...ids];
  };

  app.get(
    '/deliveries',
    {
      schema: {
        tags: ['deliveries'],
        summary: 'List deliveries',
        description: 'Notifications of the organiser\'s meetings by status; `failed` lists the parked ones, with the last error. Paginated by id.',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          status: Type.Union(['pending', 'delivered', 'failed', 'cancelled'].map((status) => Type.Literal(status)), { default: 'failed' }),
          meetingId: Type.Optional(Id),
          cursor: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ deliveries: Type.Array(DeliverySchema), next: Nullable(Type.String()) }), ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const organiser = requireOrganiser(request);
      const { status, meetingId, cursor, limit = 100 } = request.query;
      const ids = await ownedMeetingIds(organiser, meetingId);
      const entries = tables.outbox.list(status as OutboxEntry['status'], ids, cursor ?? '', limit + 1);
      const page = entries.slice(0, limit);
      return { deliveries: page.map(toDelivery), next: entries.length > limit ? page.at(-1)!.id : null };
    },
  );

  app.post(
    '/deliveries/:deliveryId/retry',
    {
      schema: {
        tags: ['deliveries'],
        summary: 'Retry a delivery',
        description: 'Puts a failed (or any) notification back in line under the same id, attempts reset.',
        security: [{ bearer: [] }],
        params: Type.Object({ deliveryId: Type.String({ maxLength: 100 }) }),
        response: { 202: DeliverySchema, ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const organiser = requireOrganiser(request);
      const entry = tables.outbox.get(request.params.deliveryId);
      if (entry === undefined || (await meetings.load(entry.meetingId))?.organiser !== organiser) {
        throw new HttpErrors.NotFound(`no delivery ${request.params.deliveryId}`);
      }
      tables.outbox.requeue(entry.id, clock.now().epochMilliseconds);
      worker.wake();
      return reply.code(202).send(toDelivery(tables.outbox.get(entry.id)!));
    },
  );
};
