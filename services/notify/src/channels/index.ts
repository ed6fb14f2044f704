/**
 * The delivery channels of the notify service: e-mail over SMTP and Standard Webhooks, each
 * answering one `DeliveryResult` per attempt, and the retry schedule the outbox applies to them.
 */
export { nextAttemptDelay, type DeliveryResult, type NextAttemptDelayOptions } from './delivery-result.ts';
export { parseRetryAfter } from './retry-after.ts';
export type { ChannelLogger } from './channel-logger.ts';
export {
  EmailConfigError,
  InvalidWebhookSecretError,
  SmtpUnavailableError,
  WebhookTargetLookupError,
  WebhookTargetRefusedError,
  type WebhookTargetRefusal,
} from './errors.ts';
export { generateWebhookSecret, signWebhook, type SignWebhookInput } from './webhook-signing.ts';
export { isNonPublicAddress } from './address-policy.ts';
export { assertDeliverableUrl, pinnedLookup, type AssertDeliverableUrlOptions, type ResolveAll, type VettedTarget } from './target-guard.ts';
export { cachedLookup, type CachedLookupOptions } from './cached-lookup.ts';
export { createWebhookSender, type WebhookMessage, type WebhookSender, type WebhookSenderOptions, type WebhookTarget } from './webhook-sender.ts';
export { createEmailSender, type EmailMessage, type EmailSender, type EmailSenderOptions } from './email-sender.ts';
