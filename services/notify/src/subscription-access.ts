import type { FastifyRequest } from 'fastify';
import { SubscriptionNotFoundError, type Subscription } from '@meridian/domain';
import { HttpErrors, verifyLinkToken } from '@meridian/http';
import { loadSubscription } from './subscription-commands.ts';

export type LiveSubscription = Extract<Subscription, { exists: true }>;

/**
 * The subscription if the request may manage it: with the subscription's own manage token (given
 * once, at creation) or as the organiser of its meeting. Subscriptions are personal and their
 * existence is not told: the credentials are judged before the subscription is looked up, so a
 * request without any gets a 401 and one with the wrong ones a 404, whether it exists or not.
 */
export const managedSubscription = async (
  request: FastifyRequest,
  subscriptionId: string,
): Promise<{ subscription: LiveSubscription; actor: string; bySubscriber: boolean }> => {
  const { store, config, meetings } = request.server.notify;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  const managing = bearer !== undefined && verifyLinkToken(config.secret, 'manage', subscriptionId, bearer);
  const organiser = request.organiser;
  if (!managing && organiser === null) {
    if (bearer === undefined) throw new HttpErrors.Unauthorized('the subscription\'s manage token or an organiser token, and none was sent');
    throw new SubscriptionNotFoundError(subscriptionId);
  }
  const subscription = await loadSubscription(store, subscriptionId);
  if (!subscription.exists) throw new SubscriptionNotFoundError(subscriptionId);
  if (managing) return { subscription, actor: `subscriber:${subscriptionId}`, bySubscriber: true };
  const meeting = await meetings.load(subscription.meetingId);
  if (meeting?.organiser === organiser) return { subscription, actor: organiser, bySubscriber: false };
  throw new SubscriptionNotFoundError(subscriptionId);
};
