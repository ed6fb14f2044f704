import type { FastifyRequest } from 'fastify';
import {
  decideSubscription,
  evolveSubscription,
  initialSubscription,
  subscriptionStream,
  type Temporal,
  type Subscription,
  type SubscriptionCommand,
  type SubscriptionEvent,
} from '@meridian/domain';
import { aggregate, handleCommand, type Decider, type EventStore } from '@meridian/event-store';

export const subscriptionDecider: Decider<Subscription, SubscriptionCommand, SubscriptionEvent> = {
  decide: decideSubscription,
  evolve: evolveSubscription,
  initialState: initialSubscription,
};

type Body<T extends SubscriptionCommand['type']> = Extract<SubscriptionCommand, { type: T }>['data'];

/**
 * Runs a subscription command on its stream. Subscription commands mean the same on a newer
 * state, so a lost race is decided again.
 */
export const executeSubscriptionCommand = async <T extends SubscriptionCommand['type']>(
  store: EventStore,
  context: { actor: string; correlationId: string; now: Temporal.Instant },
  type: T,
  data: Body<T>,
): Promise<Subscription> => {
  const command = { type, data, now: context.now } as SubscriptionCommand;
  const outcome = await handleCommand(store, subscriptionStream(data.subscriptionId), subscriptionDecider, command, {
    metadata: { actor: context.actor, correlationId: context.correlationId, occurredAt: context.now.toString() },
    retriesOnConflict: 3,
  });
  return outcome.state;
};

/** The subscription as its stream tells it now. */
export const loadSubscription = async (store: EventStore, subscriptionId: string): Promise<Subscription> =>
  (await aggregate(store, subscriptionStream(subscriptionId), subscriptionDecider)).state;

/** The command context of a request: who acts, under which correlation id, when. */
export const requestContext = (request: FastifyRequest, actor: string) => ({
  actor,
  correlationId: request.id,
  now: request.server.notify.clock.now(),
});
