import type { FastifyBaseLogger } from 'fastify';
import { Temporal, type ExistingMeeting, type SubscriptionEndReason } from '@meridian/domain';
import { meetingEndsAt } from '@meridian/calendar';
import type { NotifyContext } from './context.ts';
import { endSubscription } from './subscription-commands.ts';
import { storedTimestamp } from './timestamps.ts';

/** How long a confirmation link waits to be followed. */
export const CONFIRMATION_WAIT_DAYS = 7;
/** How long subscriptions outlive their meeting's last session: a follow-up release (a report) still reaches them. */
export const AFTER_MEETING_DAYS = 30;
const SWEEP_EVERY_MS = 3_600_000;
const HOURS_PER_DAY = 24;

/**
 * Whether a meeting's last session (in its latest release) ended more than `AFTER_MEETING_DAYS`
 * ago: its subscriptions are ended, and no new one is taken.
 *
 * @example
 * isLongOver(referenceMeeting, Temporal.Instant.from('2025-12-27T00:00:00Z')) //=> true (it ended on 26 November)
 */
export const isLongOver = (meeting: ExistingMeeting, now: Temporal.Instant): boolean => {
  const latest = meeting.releases.at(-1);
  const end = latest === undefined ? null : meetingEndsAt(latest);
  return end !== null && Temporal.Instant.compare(end.add({ hours: HOURS_PER_DAY * AFTER_MEETING_DAYS }), now) < 0;
};

/**
 * Ends the subscriptions whose personal data (an address, a URL and its secrets) no longer serves
 * anyone, which erases it: e-mail subscriptions left unconfirmed for `CONFIRMATION_WAIT_DAYS`
 * (double opt-in is there because an address may not be its requester's), those of a cancelled
 * meeting once its cancellation has been sent (nothing is left to tell), and those of a meeting
 * whose last session ended `AFTER_MEETING_DAYS` ago. Answers how many were ended; one that cannot
 * be ended now (the store unreachable) is left for the next sweep.
 *
 * @example
 * await endExpiredSubscriptions(app, log) //=> 1 (requested eight days ago, never confirmed)
 */
export const endExpiredSubscriptions = async (app: { notify: NotifyContext }, log: FastifyBaseLogger): Promise<number> => {
  const { tables, clock, meetings } = app.notify;
  const now = clock.now();
  const expired = new Map<string, SubscriptionEndReason>();
  for (const subscriptionId of tables.contacts.unconfirmedSince(storedTimestamp(now.subtract({ hours: HOURS_PER_DAY * CONFIRMATION_WAIT_DAYS })))) {
    expired.set(subscriptionId, 'unconfirmed');
  }
  for (const meetingId of tables.subscriptions.meetingsFollowed()) {
    const meeting = await meetings.load(meetingId);
    const reason: SubscriptionEndReason | null =
      meeting?.status === 'cancelled'
        ? tables.outbox.pendingOfMeeting(meetingId) === 0 ? 'meeting-cancelled' : null
        : meeting !== undefined && isLongOver(meeting, now) ? 'meeting-over' : null;
    if (reason === null) continue;
    for (const subscriptionId of tables.subscriptions.liveOfMeeting(meetingId)) expired.set(subscriptionId, reason);
  }
  let ended = 0;
  for (const [subscriptionId, reason] of expired) {
    try {
      await endSubscription(app, subscriptionId, 'system', `${reason}-${subscriptionId}`, reason);
      ended += 1;
    } catch (error) {
      log.error({ err: error, subscriptionId, reason }, 'ending an expired subscription failed; the next sweep tries again');
    }
  }
  if (ended > 0) log.info({ ended }, 'ended the subscriptions no longer of use to anyone, their personal data erased');
  return ended;
};

/** Runs `endExpiredSubscriptions` now and every hour; answers the function that stops it. */
export const sweepExpiredSubscriptions = (app: { notify: NotifyContext }, log: FastifyBaseLogger): (() => Promise<void>) => {
  // A sweep that fails (the store or the database unreachable) is logged, never left to reject:
  // an unhandled rejection would end the process.
  const sweepOnce = () =>
    endExpiredSubscriptions(app, log).catch((error: unknown) => {
      log.error({ err: error }, 'the sweep of expired subscriptions failed; the next one tries again');
      return 0;
    });
  let sweep = sweepOnce();
  const timer = setInterval(() => {
    sweep = sweep.then(sweepOnce);
  }, SWEEP_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await sweep;
  };
};
