import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { SubscriptionNotFoundError, type Subscription } from '@meridian/domain';
import { verifyLinkToken } from '@meridian/http';
import { subscriberPage, type SubscriberPageKind } from '@meridian/notices';
import { SubscriptionParams } from '../schemas.ts';
import { pageRefusal, refuseBrowsersWithPages, sendPage } from './html-pages.ts';
import { NotifyErrors } from '../problems.ts';
import { confirmSubscription, endSubscription, loadSubscription } from '../subscription-commands.ts';

const TokenQuery = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200, description: 'the token of the link, as the e-mail gives it', examples: ['ZPkgqhQ61993ldv2VvTDHsjGhZM0Z_HZGYlIR8c1R74'] }),
});

/**
 * The links every e-mail carries: confirm (double opt-in) and unsubscribe. Opening a link shows a
 * page with one button (mail scanners that prefetch links change nothing); the button, or a mail
 * client's RFC 8058 one-click POST, does it.
 */
export const linkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, store } = app.notify;

  const checkToken = (purpose: 'confirm' | 'unsubscribe', subscriptionId: string, token: string): void => {
    if (!verifyLinkToken(config.secret, purpose, subscriptionId, token)) throw new NotifyErrors.InvalidLink();
  };

  /** The page of a link, in its subscriber's language and zone, of the meeting they subscribed to. */
  const showPage = async (reply: FastifyReply, kind: SubscriberPageKind, subscriptionId: string, subscription: Subscription) => {
    if (!subscription.exists) throw new SubscriptionNotFoundError(subscriptionId);
    const meeting = await app.notify.meetings.load(subscription.meetingId);
    const recipient = { timeZone: subscription.timeZone, locale: subscription.locale };
    return sendPage(reply, subscriberPage({ kind, meetingTitle: meeting?.details.title ?? subscription.meetingId, recipient }));
  };

  refuseBrowsersWithPages(app);

  // What a link that takes a body may refuse of it, besides the link's own refusals.
  const BODY_REFUSALS = { 413: 'The body is larger than the service accepts (`body-too-large`).' };

  /** A link's schema: an HTML page for a person. */
  const linkSchema = (operationId: string, summary: string, description: string, page: string, refusals: Readonly<Record<number, string>> = {}) => ({
    tags: ['links'],
    summary,
    description,
    operationId,
    security: [],
    params: SubscriptionParams,
    querystring: TokenQuery,
    produces: ['text/html'],
    response: {
      200: Type.String({ description: `${page} In the subscriber's language (their \`locale\`; right to left in Arabic), naming the meeting.` }),
      400: pageRefusal('The link is cut or mangled: no `token`, or a malformed subscription id (`invalid-request`).'),
      403: pageRefusal('The token is not this link\'s: forged, mistyped, or of another subscription (`invalid-link`).'),
      404: pageRefusal('No such subscription (`subscription-not-found`).'),
      ...Object.fromEntries(Object.entries(refusals).map(([status, description]) => [status, pageRefusal(description)])),
    },
  });

  app.get('/subscriptions/:subscriptionId/confirm', { config: { readsStore: true }, schema: linkSchema('getConfirmationPage', 'The confirmation page', 'Shows a button that confirms the subscription.', 'An HTML page with a button that confirms the subscription.') }, async (request, reply) => {
    checkToken('confirm', request.params.subscriptionId, request.query.token);
    return showPage(reply, 'confirm', request.params.subscriptionId, await loadSubscription(store, request.params.subscriptionId));
  });

  app.post('/subscriptions/:subscriptionId/confirm', { schema: linkSchema('confirmSubscription', 'Confirm a subscription', 'Activates an e-mail subscription (double opt-in), and ends the older subscriptions of the same address to the same meeting, so that subscribing again (another zone or language) never doubles the notices.', 'An HTML page saying the subscription is confirmed (also when it already was).', { ...BODY_REFUSALS, 415: 'A body that is not `application/json` (the button posts none) (`unsupported-media-type`).', 409: 'The subscription has ended (unsubscribed, superseded by a newer one, or not confirmed within seven days): it cannot be confirmed any more (`subscription-ended`). Subscribing again starts a new one.' }) }, async (request, reply) => {
    const { subscriptionId } = request.params;
    checkToken('confirm', subscriptionId, request.query.token);
    return showPage(reply, 'confirmed', subscriptionId, await confirmSubscription(app, subscriptionId, request.id));
  });

  app.get(
    '/subscriptions/:subscriptionId/unsubscribe',
    { config: { readsStore: true }, schema: linkSchema('getUnsubscribePage', 'The unsubscribe page', 'Shows a button that ends the subscription.', 'An HTML page with a button that ends the subscription.') },
    async (request, reply) => {
      checkToken('unsubscribe', request.params.subscriptionId, request.query.token);
      return showPage(reply, 'unsubscribe', request.params.subscriptionId, await loadSubscription(store, request.params.subscriptionId));
    },
  );

  // Mail clients post RFC 8058's one-click body as they please (its own example is
  // multipart/form-data), and it says nothing the link does not: in a context of its own, this
  // route reads whatever body comes (up to the body limit) and drops it, and only this route.
  await app.register((async (oneClick) => {
    oneClick.removeAllContentTypeParsers();
    oneClick.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
    oneClick.post(
      '/subscriptions/:subscriptionId/unsubscribe',
      {
        schema: linkSchema(
          'unsubscribe',
          'Unsubscribe in one click',
          'RFC 8058 one-click unsubscribe (`List-Unsubscribe=One-Click`), also the target of the unsubscribe page\'s button. Ends the subscription and erases its personal data. Any body is read and ignored, whatever its type (RFC 8058 shows `multipart/form-data`).',
          'An HTML page saying the subscription has ended and the address is erased (also when it already had).',
          BODY_REFUSALS,
        ),
      },
      async (request, reply) => {
        const { subscriptionId } = request.params;
        checkToken('unsubscribe', subscriptionId, request.query.token);
        const subscription = await loadSubscription(store, subscriptionId);
        if (subscription.exists && subscription.status !== 'ended') {
          await endSubscription(app, subscriptionId, `subscriber:${subscriptionId}`, request.id);
        }
        // Its zone, language and meeting are what they were: the page needs no second read.
        return showPage(reply, 'unsubscribed', subscriptionId, subscription);
      },
    );
  }) satisfies FastifyPluginAsyncTypebox);
};
