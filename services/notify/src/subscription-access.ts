import type { FastifyRequest } from 'fastify';
import { SubscriptionNotFoundError, type Subscription } from '@meridian/domain';
import { HttpErrors, verifyLinkToken } from '@meridian/http';
import { loadSubscription } from './subscription-commands.ts';

export type LiveSubscription = Extract<Subscription, { exists: true }>;

/**
 * The subscription if the request may manage it: with the subscription's own manage token (given
 * once, at creation) or as the organiser of its meeting. Who may not gets a 404: subscriptions are
 * personal and their existence is not told.
 */
export const managedSubscription = async (request: FastifyRequest, subscriptionId: string): Promise<{ subscription: LiveSubscription; actor: string }> => {
  const { store, config, meetings } = request.server.notify;
  const subscription = await loadSubscription(store, subscriptionId);
  if (!subscription.exists) throw new SubscriptionNotFoundError(subscriptionId);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer !== undefined && verifyLinkToken(config.secret, 'manage', subscriptionId, bearer)) {
    return { subscription, actor: `subscriber:${subscriptionId}` };
  }
  if (request.organiser !== null) {
    const meeting = await meetings.load(subscription.meetingId);
    if (meeting?.organiser === request.organiser) return { subscription, actor: request.organiser };
    throw new SubscriptionNotFoundError(subscriptionId);
  }
  if (bearer === undefined) throw new HttpErrors.Unauthorized('send the subscription\'s manage token or an organiser token');
  throw new SubscriptionNotFoundError(subscriptionId);
};
