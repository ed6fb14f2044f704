import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Temporal } from '@meridian/domain';
import { decodeCursor, firstPage, HttpErrors, keyPosition, NextCursor, ownedMeeting, PageQuery, requireOrganiser, RetryAfterHeader } from '@meridian/http';
import { DeliverySchema, MeetingIdQuery, problem, problems } from '../schemas.ts';
import { DELIVERY_LIST_EXAMPLE, RETRIED_DELIVERY_EXAMPLE } from '../examples.ts';
import type { OutboxEntry } from '../db/outbox.ts';
import { confirmationLimit } from '../confirmation-limit.ts';
import { ConfirmationRateLimitedError } from '../problems.ts';

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
  const { tables, meetings, clock, worker, db, config } = app.notify;
  const countConfirmation = confirmationLimit(db, config.secret);
  /**
   * Puts a notification back in line (see `OutboxTable.requeue`). A confirmation mail sent again
   * counts against its address's hour, as one asked for by subscribing does: retrying it is no way
   * around the limit (refused, it stays as it was).
   */
  const requeue = db.transaction((entry: OutboxEntry, now: Temporal.Instant): boolean => {
    if (!tables.outbox.requeue(entry.id, now.epochMilliseconds)) return false;
    const address = entry.kind === 'confirmation' ? tables.contacts.get(entry.subscriptionId)?.address : null;
    const refused = address ? countConfirmation(address, now) : undefined;
    if (refused !== undefined) throw new ConfirmationRateLimitedError(refused.retryAfterSeconds);
    return true;
  });

  /** The meetings whose deliveries the organiser may see: the one asked for, or all of theirs. */
  const ownedMeetingIds = async (organiser: string, meetingId: string | undefined): Promise<string[]> => {
    if (meetingId !== undefined) {
      ownedMeeting(meetingId, await meetings.load(meetingId), organiser);
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
      config: { organiser: true, readsStore: true },
      schema: {
        tags: ['deliveries'],
        summary: 'List deliveries',
        description: 'Notifications of the organiser\'s meetings by status; `failed` lists the parked ones, with the last error. Paginated by id.',
        operationId: 'listDeliveries',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union(['pending', 'delivered', 'failed', 'cancelled', 'missed'].map((status) => Type.Literal(status)), {
              default: 'failed',
              description:
                'which deliveries: `failed` (parked after the last retry; the default), `pending`, `delivered`, `cancelled` or `missed` (reminders not sent in time, never sent late)',
            }),
          ),
          meetingId: Type.Optional(MeetingIdQuery),
          ...PageQuery('deliveries', { default: 100, maximum: 500 }).properties,
        }),
        response: {
          200: Type.Object(
            { deliveries: Type.Array(DeliverySchema), next: NextCursor },
            { description: 'One page of the deliveries with that status, of the meeting asked for or of all the organiser\'s meetings.', examples: [DELIVERY_LIST_EXAMPLE] },
          ),
          400: problem('A query parameter is malformed or out of range (`invalid-request`), or `cursor` is not one this service wrote (`invalid-input`).'),
          401: problem('No organiser token was sent, or it is not a configured one (`unauthorized`).'),
          403: problem('`meetingId` names a released meeting of another organiser (`forbidden`).'),
          404: problem('`meetingId` names no meeting, or another organiser\'s not yet released (`meeting-not-found`).'),
        },
      },
    },
    async (request) => {
      const organiser = requireOrganiser(request);
      const { status = 'failed', meetingId, cursor, limit = 100 } = request.query;
      const ids = await ownedMeetingIds(organiser, meetingId);
      const after = cursor === undefined ? '' : decodeCursor(cursor, keyPosition);
      const page = firstPage(tables.outbox.list(status as OutboxEntry['status'], ids, after, limit + 1), limit, (entry) => [entry.id]);
      return { deliveries: page.items.map(toDelivery), next: page.next };
    },
  );

  app.post(
    '/deliveries/:deliveryId/retry',
    {
      config: { organiser: true },
      schema: {
        tags: ['deliveries'],
        summary: 'Retry a delivery',
        description:
          'Puts a failed, cancelled or delivered notification back in line under the same id, attempts reset (a reminder is then sent however late). One still `pending` is in line already (perhaps being sent right now) and a `missed` reminder is too late to be of use: either is answered as it is, unchanged.',
        operationId: 'retryDelivery',
        security: [{ bearer: [] }],
        params: Type.Object({
          deliveryId: Type.String({ maxLength: 100, description: 'the notification id (`webhook-id` of a webhook), as listed', examples: [RETRIED_DELIVERY_EXAMPLE.id] }),
        }),
        response: {
          202: {
            ...DeliverySchema,
            description: 'The notification, back in line under the same id with its attempts reset; it is sent shortly. A pending or missed one, as it is.',
            examples: [RETRIED_DELIVERY_EXAMPLE],
          },
          ...problems(400, 413, 415),
          401: problem('No organiser token was sent, or it is not a configured one (`unauthorized`).'),
          404: problem('No such delivery, or one of another organiser\'s meeting (`not-found`).'),
          429: {
            ...problem(
              'A confirmation mail, and its address has had its three for the hour (`confirmation-rate-limited`): sent again, it counts as one asked for by subscribing. `Retry-After` says when to try again.',
            ),
            headers: RetryAfterHeader,
          },
        },
      },
    },
    async (request, reply) => {
      const organiser = requireOrganiser(request);
      const entry = tables.outbox.get(request.params.deliveryId);
      if (entry === undefined || (await meetings.load(entry.meetingId))?.organiser !== organiser) {
        throw new HttpErrors.NotFound(`no delivery ${request.params.deliveryId}`);
      }
      if (requeue(entry, clock.now())) worker.wake();
      return reply.code(202).send(toDelivery(tables.outbox.get(entry.id)!));
    },
  );
};
