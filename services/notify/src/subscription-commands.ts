import type { FastifyRequest } from 'fastify';
import {
  decideSubscription,
  evolveSubscription,
  initialSubscription,
  subscriptionStream,
  type Temporal,
  type Subscription,
  type SubscriptionCommand,
  type SubscriptionEndReason,
  type SubscriptionEvent,
} from '@meridian/domain';
import { aggregate, handleCommand, type Decider, type EventStore } from '@meridian/event-store';
import type { NotifyContext } from './context.ts';

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

/** Ends a subscription and erases its personal data at once (the reactor erases again, idempotently). */
export const endSubscription = async (
  app: { notify: NotifyContext },
  subscriptionId: string,
  actor: string,
  correlationId: string,
  reason: SubscriptionEndReason = 'unsubscribed',
): Promise<void> => {
  const { store, tables, clock } = app.notify;
  await executeSubscriptionCommand(store, { actor, correlationId, now: clock.now() }, 'EndSubscription', { subscriptionId, reason });
  tables.contacts.erase(subscriptionId);
};

/**
 * Confirms an e-mail subscription (double opt-in) and ends the address's older subscriptions to
 * the same meeting. Subscribing again (another zone or language, or a lost confirmation) must not
 * double every notice; only the owner of the address can confirm, so nothing is told to anyone
 * else.
 */
export const confirmSubscription = async (app: { notify: NotifyContext }, subscriptionId: string, correlationId: string): Promise<Subscription> => {
  const { store, tables, clock } = app.notify;
  const actor = `subscriber:${subscriptionId}`;
  const confirmed = await executeSubscriptionCommand(store, { actor, correlationId, now: clock.now() }, 'ConfirmSubscription', { subscriptionId });
  if (!confirmed.exists) return confirmed;
  for (const older of tables.contacts.otherSubscriptionsOfAddress(subscriptionId, confirmed.meetingId)) {
    await endSubscription(app, older, actor, correlationId, 'superseded');
  }
  return confirmed;
};
