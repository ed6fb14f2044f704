import type { FastifyBaseLogger } from 'fastify';
import type { NotifyContext } from './context.ts';
import { endSubscription } from './subscription-commands.ts';
import { storedTimestamp } from './timestamps.ts';

/** How long a confirmation link waits to be followed. */
export const CONFIRMATION_WAIT_DAYS = 7;
const SWEEP_EVERY_MS = 3_600_000;

/**
 * Ends the e-mail subscriptions left unconfirmed for `CONFIRMATION_WAIT_DAYS`, erasing their
 * addresses: double opt-in is there because an address may not be its requester's, and one
 * nobody confirmed is personal data kept for no one. Its confirmation link then answers that the
 * subscription has ended; subscribing again starts a new one. Answers how many were ended; one
 * that cannot be ended now (the store unreachable) is left for the next sweep.
 *
 * @example
 * await endUnconfirmedSubscriptions(app, log) //=> 1 (requested eight days ago, never confirmed)
 */
export const endUnconfirmedSubscriptions = async (app: { notify: NotifyContext }, log: FastifyBaseLogger): Promise<number> => {
  const { tables, clock } = app.notify;
  const requestedBefore = storedTimestamp(clock.now().subtract({ hours: 24 * CONFIRMATION_WAIT_DAYS }));
  let ended = 0;
  for (const subscriptionId of tables.contacts.unconfirmedSince(requestedBefore)) {
    try {
      await endSubscription(app, subscriptionId, 'system', `unconfirmed-${subscriptionId}`, 'unconfirmed');
      ended += 1;
    } catch (error) {
      log.error({ err: error, subscriptionId }, 'ending an unconfirmed subscription failed; the next sweep tries again');
    }
  }
  if (ended > 0) log.info({ ended }, `ended the e-mail subscriptions not confirmed within ${CONFIRMATION_WAIT_DAYS} days, their addresses erased`);
  return ended;
};

/** Runs `endUnconfirmedSubscriptions` now and every hour; answers the function that stops it. */
export const sweepUnconfirmedSubscriptions = (app: { notify: NotifyContext }, log: FastifyBaseLogger): (() => Promise<void>) => {
  let sweep = endUnconfirmedSubscriptions(app, log);
  const timer = setInterval(() => {
    sweep = sweep.then(() => endUnconfirmedSubscriptions(app, log));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await sweep;
  };
};
