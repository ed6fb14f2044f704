import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InvalidInputError, SubscriptionEndedError, Temporal } from '@meridian/domain';
import { decodeCursor, firstPage, HttpErrors, keyPosition, NextCursor, ownedMeeting, PageQuery, requireOrganiser } from '@meridian/http';
import { MeetingIdQuery, SubscriptionParams, problem, problems } from '../schemas.ts';
import { PING_EXAMPLE, ROTATED_SECRET_EXAMPLE, WEBHOOK_LIST_EXAMPLE } from '../examples.ts';
import { managedSubscription } from '../subscription-access.ts';
import { NotifyErrors } from '../problems.ts';
import { generateWebhookSecret } from '../channels/webhook-signing.ts';
import { webhookBody } from '../channels/webhook-sender.ts';
import { signingSecrets } from '../db/contacts.ts';
import { notificationId } from '../ids.ts';
import { storedTimestamp } from '../timestamps.ts';
import { endSubscription } from '../subscription-commands.ts';

/** How long a rotated-out secret keeps signing, so receivers can switch without losing a message. */
const ROTATION_GRACE_HOURS = 24;

const NOT_A_LIVE_WEBHOOK = problem(
  'The subscription delivers by e-mail, not by webhook (`not-a-webhook`), or it has ended (`subscription-ended`: its endpoint answered 410, or it was unsubscribed): subscribe again.',
);

/** Integrators manage their webhook endpoints: list, ping, rotate the secret, replay past notices. */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { tables, channels, clock, meetings, worker } = app.notify;

  const webhookOf = async (request: Parameters<typeof managedSubscription>[0], subscriptionId: string) => {
    const managed = await managedSubscription(request, subscriptionId);
    // An ended webhook has no URL any more: it is not an e-mail subscription for that.
    if (managed.subscription.status === 'ended') throw new SubscriptionEndedError(subscriptionId);
    const contact = tables.contacts.get(subscriptionId);
    if (managed.subscription.channel !== 'webhook' || contact?.url == null) throw new NotifyErrors.NotAWebhook(subscriptionId);
    return { ...managed, contact: { ...contact, url: contact.url } };
  };

  app.get(
    '/webhooks',
    {
      config: { readsStore: true },
      schema: {
        tags: ['webhooks'],
        summary: 'List the webhook endpoints of a meeting',
        description: 'For the meeting\'s organiser.',
        operationId: 'listWebhooks',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          meetingId: MeetingIdQuery,
          ...PageQuery('webhooks', { default: 100, maximum: 500 }).properties,
        }),
        response: {
          200: Type.Object(
            {
              webhooks: Type.Array(
                Type.Object({ id: Type.String(), url: Type.String(), status: Type.String(), eventTypes: Type.Union([Type.Array(Type.String()), Type.Null()]), timeZone: Type.String(), locale: Type.String() }),
              ),
              next: NextCursor,
            },
            { description: 'One page of the webhook subscriptions of the meeting that have not ended, with their URLs, and the cursor of the next.', examples: [WEBHOOK_LIST_EXAMPLE] },
          ),
          400: problem('`meetingId` is missing or malformed, or `limit` out of range (`invalid-request`), or `cursor` is not one this service wrote (`invalid-input`).'),
          401: problem('No organiser token was sent, or it is not a configured one (`unauthorized`).'),
          403: problem('The meeting, released, is another organiser\'s (`forbidden`).'),
          404: problem('No such meeting, or another organiser\'s not yet released (`meeting-not-found`).'),
        },
      },
    },
    async (request) => {
      const organiser = requireOrganiser(request);
      const meeting = ownedMeeting(request.query.meetingId, await meetings.load(request.query.meetingId), organiser);
      const { cursor, limit = 100 } = request.query;
      const after = cursor === undefined ? '' : decodeCursor(cursor, keyPosition);
      const page = firstPage(tables.subscriptions.webhooksOfMeeting(meeting.id, after, limit + 1), limit, (webhook) => [webhook.subscriptionId]);
      // the page's URLs in one read, not one per webhook
      const contacts = tables.contacts.getMany(page.items.map((subscription) => subscription.subscriptionId));
      return {
        next: page.next,
        webhooks: page.items.map((subscription) => ({
          id: subscription.subscriptionId,
          url: contacts.get(subscription.subscriptionId)?.url ?? '',
          status: subscription.status,
          eventTypes: subscription.eventTypes === null ? null : [...subscription.eventTypes],
          timeZone: subscription.timeZone,
          locale: subscription.locale,
        })),
      };
    },
  );

  app.post(
    '/subscriptions/:subscriptionId/ping',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Ping a webhook endpoint',
        description: 'Sends a signed `webhook.ping` now and answers what the endpoint said. Nothing is recorded or retried; an endpoint that answers 410 (gone) ends its subscription, as it would for a notice.',
        operationId: 'pingWebhook',
        security: [{ bearer: [] }],
        params: SubscriptionParams,
        response: {
          200: Type.Object(
            {
              id: Type.String({ description: 'the `webhook-id` the ping was sent with' }),
              outcome: Type.String({ description: '`delivered` (a 2xx), or why not: `retry`, `gone`, `failed`' }),
              detail: Type.Union([Type.String(), Type.Null()], { description: 'the status line the endpoint answered (never its body), or why it could not be reached' }),
            },
            { description: 'The ping was sent: what the endpoint answered (also when it refused it).', examples: [PING_EXAMPLE] },
          ),
          ...problems(400, 401, 404, 413, 415),
          409: NOT_A_LIVE_WEBHOOK,
        },
      },
    },
    async (request) => {
      const { subscription, contact, actor } = await webhookOf(request, request.params.subscriptionId);
      const now = clock.now();
      const id = notificationId(subscription.subscriptionId, 'ping', now.toString());
      const ping = { type: 'webhook.ping', timestamp: now, data: { subscriptionId: subscription.subscriptionId, meetingId: subscription.meetingId } };
      const result = await channels.webhook.send({ url: contact.url, secrets: signingSecrets(contact, now.epochMilliseconds) }, { id, type: ping.type, body: webhookBody(ping) });
      // A 410 means the same to a ping as to a notice: the endpoint is gone, and so is its subscription.
      if (result.outcome === 'gone') await endSubscription(app, subscription.subscriptionId, actor, request.id, 'endpoint-gone');
      return { id, outcome: result.outcome, detail: 'reason' in result ? withoutTheAnswersWords(result.reason) : (result.detail ?? null) };
    },
  );

  app.post(
    '/subscriptions/:subscriptionId/secret',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Rotate the signing secret',
        description: `Answers a new \`whsec_…\` secret (only now). For ${ROTATION_GRACE_HOURS} hours messages carry two signatures, one per secret, so the receiver can switch without losing a message. Only with the subscription's manage token: the meeting's organiser is refused (403), since a secret only the organiser had would sign messages its receiver cannot verify once the old one expires.`,
        operationId: 'rotateWebhookSecret',
        security: [{ bearer: [] }],
        params: SubscriptionParams,
        response: {
          200: Type.Object(
            {
              secret: Type.String({ description: 'the new `whsec_…` signing secret, shown only now' }),
              previousSecretExpiresAt: Type.String({ description: 'until when messages are also signed with the previous secret' }),
            },
            { description: 'The new secret; messages carry both signatures until the previous one expires.', examples: [ROTATED_SECRET_EXAMPLE] },
          ),
          ...problems(400, 401, 404, 413, 415),
          403: problem('An organiser\'s token: only the subscriber rotates its secret, with the subscription\'s manage token (`forbidden`).'),
          409: NOT_A_LIVE_WEBHOOK,
        },
      },
    },
    async (request) => {
      const { subscription, contact, bySubscriber } = await webhookOf(request, request.params.subscriptionId);
      if (!bySubscriber) throw new HttpErrors.Forbidden('only the subscriber rotates its signing secret, with the subscription\'s manage token');
      const now = clock.now();
      const expires = now.add({ hours: ROTATION_GRACE_HOURS });
      const secret = generateWebhookSecret();
      const kept = contact.secrets
        .filter((entry) => entry.expiresAt === null || entry.expiresAt > now.epochMilliseconds)
        .map((entry) => ({ secret: entry.secret, expiresAt: Math.min(entry.expiresAt ?? Infinity, expires.epochMilliseconds) }));
      tables.contacts.setSecrets(subscription.subscriptionId, [{ secret, expiresAt: null }, ...kept]);
      return { secret, previousSecretExpiresAt: expires.toString() };
    },
  );

  app.post(
    '/subscriptions/:subscriptionId/replay',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Replay past notices',
        description: 'Sends again every notice of this subscription recorded since `since`, under the same `webhook-id`s.',
        operationId: 'replayWebhooks',
        security: [{ bearer: [] }],
        params: SubscriptionParams,
        body: Type.Object(
          {
            // Four digits, as the recorded times are written: a year such as +010000 is an ISO 8601
            // instant too, and compared with them as text it would come before every one.
            since: Type.String({ pattern: '^[0-9]{4}-', description: 'an RFC 3339 instant (a four-digit year)', examples: ['2025-11-20T00:00:00Z'] }),
          },
          { additionalProperties: false, examples: [{ since: '2025-11-20T00:00:00Z' }] },
        ),
        response: {
          202: Type.Object(
            { requeued: Type.Integer({ description: 'notices put back in line' }) },
            { description: 'The notices recorded since `since` are put back in line; they are sent shortly, under their first `webhook-id`s.', examples: [{ requeued: 2 }] },
          ),
          ...problems(401, 404, 413, 415),
          400: problem('The body does not match the schema, `since` included when its year has not four digits (`invalid-request`), or `since` is not an RFC 3339 instant (`invalid-input`).'),
          409: NOT_A_LIVE_WEBHOOK,
        },
      },
    },
    async (request, reply) => {
      const { subscription } = await webhookOf(request, request.params.subscriptionId);
      let since: Temporal.Instant;
      try {
        since = Temporal.Instant.from(request.body.since);
      } catch {
        throw new InvalidInputError('since', 'is not an RFC 3339 instant');
      }
      const requeued = tables.outbox.replaySince(subscription.subscriptionId, storedTimestamp(since), clock.now().epochMilliseconds);
      worker.wake();
      return reply.code(202).send({ requeued });
    },
  );
};

/**
 * A ping's account of a refusal: the status line, not what the endpoint wrote (kept for the
 * organiser's deliveries): anyone may subscribe a URL and ping it, and would otherwise read the
 * first words of any server's error pages through this one.
 *
 * @example
 * withoutTheAnswersWords('HTTP 403 Forbidden: internal only, token=abc') //=> 'HTTP 403 Forbidden'
 */
const withoutTheAnswersWords = (reason: string): string => /^HTTP \d{3}[^:]*/.exec(reason)?.[0] ?? reason;

