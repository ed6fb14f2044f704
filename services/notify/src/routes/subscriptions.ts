import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SubscriptionEndedError } from '@meridian/domain';
import { linkToken, locationUnder, RetryAfterHeader } from '@meridian/http';
import { CreateSubscriptionBody, CreatedSubscriptionSchema, PreferencesBody, SubscriptionLocationHeader, SubscriptionParams, problem, problems } from '../schemas.ts';
import { endSubscription, executeSubscriptionCommand, requestContext } from '../subscription-commands.ts';
import { managedSubscription, type LiveSubscription } from '../subscription-access.ts';
import type { Contact } from '../db/contacts.ts';
import { requireSessionsOf, subscriptionRequests } from '../subscription-request.ts';

/** Participants subscribe, read, change and end their subscriptions. */
export const subscriptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, tables, store, meetings } = app.notify;
  const requestSubscription = subscriptionRequests(app);

  const view = (subscription: LiveSubscription, contact: Contact | undefined) => ({
    id: subscription.subscriptionId,
    meetingId: subscription.meetingId,
    status: subscription.status,
    channel: {
      type: subscription.channel,
      ...(contact?.address != null && { address: contact.address }),
      ...(contact?.url != null && { url: contact.url }),
    },
    timeZone: subscription.timeZone,
    locale: subscription.locale,
    reminders: [...subscription.reminders],
    sessionIds: subscription.sessionIds === null ? null : [...subscription.sessionIds],
    invitations: subscription.invitations,
    eventTypes: subscription.eventTypes === null ? null : [...subscription.eventTypes],
  });

  app.post(
    '/subscriptions',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Subscribe to a meeting\'s notices',
        description:
          'E-mail subscriptions stay `pending` until the participant follows the confirmation link mailed to them (double opt-in); nothing else is sent before. Webhook subscriptions are active at once; their signing secret (`whsec_…`) is answered only here.',
        operationId: 'createSubscription',
        security: [],
        body: CreateSubscriptionBody,
        response: {
          201: { ...CreatedSubscriptionSchema, headers: SubscriptionLocationHeader },
          ...problems(413, 415),
          400: problem(
            'The body does not match the schema, the zone or the locale is unknown (`unknown-time-zone`, `unknown-locale`), a value breaks its rule or a session followed is not in the released agenda (`invalid-input`), or the webhook URL is refused: not http(s), or not a public address (`webhook-target-refused`).',
          ),
          404: problem('No such meeting, or none released yet (`meeting-not-found`): only released meetings can be subscribed to.'),
          409: problem('The meeting is cancelled (`meeting-cancelled`), or ended more than 30 days ago (`meeting-over`): there is nothing left to be told of.'),
          429: {
            ...problem('Too many confirmation mails to this address in the last hour (`confirmation-rate-limited`): three per address per hour; `Retry-After` says when to try again.'),
            headers: RetryAfterHeader,
          },
          503: problem('An e-mail subscription, but this service has no SMTP server configured (`email-unavailable`): only webhooks are possible.'),
        },
      },
    },
    async (request, reply) => {
      const { subscription, contact, secret } = await requestSubscription(request, request.body);
      const { subscriptionId } = subscription;
      reply.code(201).header('location', locationUnder(config.publicUrl, `/subscriptions/${subscriptionId}`));
      return {
        ...view(subscription, contact),
        ...(secret !== undefined && { secret }),
        manageToken: linkToken(config.secret, 'manage', subscriptionId),
      };
    },
  );

  app.get(
    '/subscriptions/:subscriptionId',
    {
      config: { readsStore: true },
      schema: {
        tags: ['subscriptions'],
        summary: 'Read a subscription',
        description: 'With the subscription\'s manage token, or as the organiser of its meeting.',
        operationId: 'getSubscription',
        security: [{ bearer: [] }],
        params: SubscriptionParams,
        response: {
          200: { ...Type.Ref('Subscription'), description: 'The subscription with its channel and preferences; an ended one has no address or URL any more.' },
          ...problems(400, 401, 404),
        },
      },
    },
    async (request) => {
      const { subscription } = await managedSubscription(request, request.params.subscriptionId);
      return view(subscription, tables.contacts.get(subscription.subscriptionId));
    },
  );

  app.patch(
    '/subscriptions/:subscriptionId',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Change a subscription\'s zone, language, reminders or sessions',
        description: 'JSON merge patch. Reminders are re-planned at once.',
        operationId: 'updateSubscription',
        security: [{ bearer: [] }],
        params: SubscriptionParams,
        body: PreferencesBody,
        response: {
          200: { ...Type.Ref('Subscription'), description: 'The subscription with the patch applied.' },
          ...problems(401, 404, 413, 415),
          400: problem('The body does not match the schema, the zone or the locale is unknown (`unknown-time-zone`, `unknown-locale`), or a value breaks its rule or a session followed is not in the released agenda (`invalid-input`).'),
          409: problem('The subscription has ended (`subscription-ended`): subscribe again.'),
        },
      },
    },
    async (request) => {
      const { subscription, actor } = await managedSubscription(request, request.params.subscriptionId);
      if (subscription.status === 'ended') throw new SubscriptionEndedError(subscription.subscriptionId);
      const meeting = await meetings.load(subscription.meetingId);
      if (meeting !== undefined) requireSessionsOf(meeting, request.body.sessionIds as readonly string[] | null | undefined);
      const changed = (await executeSubscriptionCommand(store, requestContext(request, actor), 'ChangePreferences', {
        subscriptionId: subscription.subscriptionId,
        ...request.body,
      })) as LiveSubscription;
      return view(changed, tables.contacts.get(subscription.subscriptionId));
    },
  );

  app.delete(
    '/subscriptions/:subscriptionId',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Unsubscribe',
        description: 'Ends the subscription and erases its personal data (address, URL, secrets). Final.',
        operationId: 'deleteSubscription',
        security: [{ bearer: [] }],
        params: SubscriptionParams,
        response: {
          204: Type.Null({ description: 'Unsubscribed: nothing more is sent, and the address or URL and secrets are erased.' }),
          ...problems(400, 401, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const { subscription, actor } = await managedSubscription(request, request.params.subscriptionId);
      await endSubscription(app, subscription.subscriptionId, actor, request.id);
      return reply.code(204).send(null);
    },
  );
};
