import createError from '@fastify/error';
import type { ProblemType } from '@meridian/http';

/** The notify service's own problems, besides those both services share. */
export const NotifyErrors = {
  EmailUnavailable: createError('MERIDIAN_EMAIL_UNAVAILABLE', 'this service has no SMTP server configured, so it cannot send e-mail', 503),
  ConfirmationRateLimited: createError(
    'MERIDIAN_CONFIRMATION_RATE_LIMITED',
    'too many confirmation mails to this address; try again in %s minutes',
    429,
  ),
  WebhookTargetRefused: createError('MERIDIAN_WEBHOOK_TARGET_REFUSED', 'webhook URL refused: %s', 400),
  MeetingOver: createError('MERIDIAN_MEETING_OVER', 'meeting %s ended more than %s days ago: there is nothing left to be told of', 409),
  InvalidLink: createError('MERIDIAN_INVALID_LINK', 'this link is not valid for this subscription', 403),
  NotAWebhook: createError('MERIDIAN_NOT_A_WEBHOOK', 'subscription %s delivers by e-mail, not by webhook', 409),
} as const;

/** An address has had its confirmation mails for the hour; its 429's Retry-After says when the next may go. */
export class ConfirmationRateLimitedError extends NotifyErrors.ConfirmationRateLimited {
  constructor(readonly retryAfterSeconds: number) {
    super(String(Math.ceil(retryAfterSeconds / 60)));
  }
}

export const NOTIFY_PROBLEM_TYPES: readonly ProblemType[] = [
  { code: 'email-unavailable', status: 503, title: 'E-mail unavailable', description: 'No SMTP server is configured: only webhook subscriptions are possible.' },
  { code: 'confirmation-rate-limited', status: 429, title: 'Too many confirmation mails', description: 'Confirmation mails to one address are limited per hour.' },
  { code: 'webhook-target-refused', status: 400, title: 'Webhook URL refused', description: 'Webhook URLs must be http(s) and reach a public address (loopback and private ranges are refused unless MERIDIAN_WEBHOOK_ALLOW_PRIVATE=true).' },
  { code: 'invalid-link', status: 403, title: 'Invalid link', description: 'The confirmation or unsubscribe link is not valid for this subscription.' },
  { code: 'not-a-webhook', status: 409, title: 'Not a webhook', description: 'The route applies to webhook subscriptions only.' },
  { code: 'subscription-not-found', status: 404, title: 'Subscription not found', description: 'No such subscription (or none you may manage).' },
  { code: 'subscription-ended', status: 409, title: 'Subscription ended', description: 'The subscription has ended; subscribe again.' },
  { code: 'meeting-over', status: 409, title: 'Meeting over', description: 'The meeting ended more than 30 days ago: its subscriptions have ended, and none is taken.' },
];
