import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidInputError, MeetingCancelledError, MeetingNotFoundError, validateSubscriptionPreferences, type ExistingMeeting } from '@meridian/domain';
import { StoreUnavailableError } from '@meridian/event-store';
import type { CreateSubscriptionBody } from './schemas.ts';
import { executeSubscriptionCommand, loadSubscription, requestContext } from './subscription-commands.ts';
import type { LiveSubscription } from './subscription-access.ts';
import { ConfirmationRateLimitedError, NotifyErrors } from './problems.ts';
import { generateWebhookSecret } from './channels/webhook-signing.ts';
import { assertDeliverableUrl } from './channels/target-guard.ts';
import { WebhookTargetRefusedError, WebhookTargetLookupError } from './channels/errors.ts';
import type { Contact } from './db/contacts.ts';
import { storedTimestamp } from './timestamps.ts';
import { confirmationLimit } from './confirmation-limit.ts';
import { AFTER_MEETING_DAYS, isLongOver } from './subscription-retention.ts';

/** A subscription request: the API's JSON body, or what the agenda page's form says. */
export type SubscriptionRequest = Static<typeof CreateSubscriptionBody>;

/**
 * Refuses to follow a session the meeting has never released: a typo would otherwise follow
 * nothing, silently, and its subscriber be told nothing (a session cancelled since may be
 * followed: it may come back).
 *
 * @example
 * requireSessionsOf(referenceMeeting, ['session-1']) // passes
 * requireSessionsOf(referenceMeeting, ['sesion-1']) //=> throws InvalidInputError (sessionIds: no released session sesion-1)
 */
export const requireSessionsOf = (meeting: ExistingMeeting, sessionIds: readonly string[] | null | undefined): void => {
  const released = meeting.releases.at(-1)?.sessions;
  const unknown = (sessionIds ?? []).filter((sessionId) => released?.has(sessionId) !== true);
  if (unknown.length > 0) throw new InvalidInputError('sessionIds', `no released session ${unknown.join(', ')} in meeting ${meeting.id}`);
};

export interface RequestedSubscription {
  readonly subscription: LiveSubscription;
  readonly contact: Contact;
  readonly meeting: ExistingMeeting;
  /** a webhook's signing secret, told this once */
  readonly secret?: string;
}

/**
 * The step of every way to subscribe: checks the request, stores the personal data, then the
 * event that names it. A refusal throws the problem (for an address that has had its confirmation
 * mails for the hour, with the seconds until the next).
 */
export const subscriptionRequests = (app: FastifyInstance) => {
  const { config, tables, meetings, store, db, clock } = app.notify;
  const countConfirmation = confirmationLimit(db, config.secret);
  // Unknown (the store unreachable) counts as recorded: the contact is then kept, an orphan at worst.
  const subscriptionWasRecorded = async (subscriptionId: string): Promise<boolean> =>
    loadSubscription(store, subscriptionId).then(
      (subscription) => subscription.exists,
      () => true,
    );

  return async (request: FastifyRequest, { meetingId, channel, ...preferences }: SubscriptionRequest): Promise<RequestedSubscription> => {
    const meeting = await meetings.load(meetingId);
    if (meeting === undefined || meeting.releases.length === 0) throw new MeetingNotFoundError(meetingId);
    if (meeting.status === 'cancelled') throw new MeetingCancelledError(meetingId);
    if (isLongOver(meeting, clock.now())) throw new NotifyErrors.MeetingOver(meetingId, String(AFTER_MEETING_DAYS));
    // Checked before anything is stored: a refused request leaves no personal data behind and
    // uses up none of the address's confirmation mails.
    validateSubscriptionPreferences(preferences, channel.type);
    requireSessionsOf(meeting, preferences.sessionIds);
    const now = clock.now();
    const subscriptionId = randomUUID();
    let secret: string | undefined;
    let contact: Contact;
    if (channel.type === 'email') {
      if (config.smtpUrl === null) throw new NotifyErrors.EmailUnavailable();
      const refused = countConfirmation(channel.address, now);
      if (refused !== undefined) throw new ConfirmationRateLimitedError(refused.retryAfterSeconds);
      contact = { subscriptionId, address: channel.address, url: null, secrets: [] };
    } else {
      try {
        await assertDeliverableUrl(channel.url, { allowPrivate: config.allowPrivateWebhooks });
      } catch (error) {
        if (error instanceof WebhookTargetRefusedError || error instanceof WebhookTargetLookupError) {
          throw new NotifyErrors.WebhookTargetRefused(error.message);
        }
        throw error;
      }
      secret = generateWebhookSecret();
      contact = { subscriptionId, address: null, url: channel.url, secrets: [{ secret, expiresAt: null }] };
    }
    // Personal data first, then the event that names it: a crash in between leaves an orphan
    // contact no event refers to, never an event whose contact is missing.
    tables.contacts.add(contact, storedTimestamp(now));
    let subscription: LiveSubscription;
    try {
      subscription = (await executeSubscriptionCommand(store, requestContext(request, `subscriber:${subscriptionId}`), 'RequestSubscription', {
        subscriptionId,
        meetingId,
        channel: channel.type,
        ...preferences,
      })) as LiveSubscription;
    } catch (error) {
      // Refused: the caller is told it failed, so nothing of theirs is kept, unless the event was
      // written after all (an answer lost on the way back: then kept, an orphan at worst, which
      // the reactor's sweep erases within the hour; a read now might not see it yet).
      const mayBeStored = error instanceof StoreUnavailableError && error.mayHaveWritten;
      if (!mayBeStored && !(await subscriptionWasRecorded(subscriptionId))) tables.contacts.erase(subscriptionId);
      throw error;
    }
    // The confirmation mail is the reactor's: recorded with its checkpoint when it sees the request.
    return { subscription, contact, meeting, ...(secret !== undefined && { secret }) };
  };
};
