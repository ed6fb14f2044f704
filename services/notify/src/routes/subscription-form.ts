import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RetryAfterHeader } from '@meridian/http';
import { subscriberPage } from '@meridian/notices';
import { SubscriptionFormBody } from '../schemas.ts';
import { subscriptionRequests } from '../subscription-request.ts';
import { pageRefusal, refuseBrowsersWithPages, sendPage } from './html-pages.ts';

/**
 * The agenda page's "notify me" form as a plain HTML form: a participant without JavaScript (or
 * whose script failed) subscribes by e-mail all the same, and reads the answer as a page in their
 * language. With JavaScript, the page posts JSON to `POST /subscriptions` instead.
 */
export const subscriptionFormRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const requestSubscription = subscriptionRequests(app);
  refuseBrowsersWithPages(app);

  app.post(
    '/subscriptions/form',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Subscribe by e-mail from an HTML form',
        description:
          'What `POST /subscriptions` does for an e-mail subscription with the default preferences, for the agenda page\'s form when the page runs no script: a form body, and an HTML page as the answer. The subscription stays `pending` until the link mailed to the address is followed (double opt-in).',
        operationId: 'submitSubscriptionForm',
        security: [],
        consumes: ['application/x-www-form-urlencoded'],
        body: SubscriptionFormBody,
        produces: ['text/html'],
        response: {
          200: Type.String({ description: 'An HTML page, in the subscriber\'s language, saying that a confirmation link was mailed to them.' }),
          400: pageRefusal('A field is missing, unknown or invalid: the address, the zone or the locale (`invalid-request`, `unknown-time-zone`, `unknown-locale`).'),
          404: pageRefusal('No such meeting, or none released yet (`meeting-not-found`).'),
          409: pageRefusal('The meeting is cancelled (`meeting-cancelled`), or ended more than 30 days ago (`meeting-over`).'),
          413: pageRefusal('The body is larger than the service accepts (`body-too-large`).'),
          415: pageRefusal('The body is not `application/x-www-form-urlencoded` (`unsupported-media-type`).'),
          429: { ...pageRefusal('Too many confirmation mails to this address in the last hour (`confirmation-rate-limited`); `Retry-After` says when to try again.'), headers: RetryAfterHeader },
          503: pageRefusal('This service has no SMTP server configured (`email-unavailable`).'),
        },
      },
    },
    async (request, reply) => {
      const { address, ...subscription } = request.body;
      const requested = await requestSubscription(request, { ...subscription, channel: { type: 'email', address } });
      const recipient = { timeZone: requested.subscription.timeZone, locale: requested.subscription.locale };
      return sendPage(reply, subscriberPage({ kind: 'requested', meetingTitle: requested.meeting.details.title, recipient }));
    },
  );
};
