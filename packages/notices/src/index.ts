/**
 * Meridian's notices: what happened, turned into what one participant reads, in their zone and
 * their language (the six UN languages). Pure: no I/O, no clock, no randomness.
 */
export { LANGUAGES, languageOf, isRightToLeft, intlLocaleOf, htmlLangOf, type Language } from './language.ts';
export { CATALOGUES, type Catalogue, type MessageKey } from './catalogues/index.ts';
export { localizerFor, asIs, type Localizer, type Localized, type MessageValue } from './localizer.ts';
export { argumentNames, pluralSelectors, parseMessage, MessageSyntaxError } from './_lib/message-format.ts';
export type { Recipient, RenderedEmail, NoticeLinks, ReleaseNoticeInput } from './notice-types.ts';
export { formatMeetingTime, formatSessionTime, type MeetingTimeOptions } from './time/format-meeting-time.ts';
export type { WebhookTime } from './time/webhook-time.ts';
export type { Digest, DigestItem, DigestCancellation, DigestLink, DigestMeetingChange, DigestSection } from './digest/digest.ts';
export { releaseDigest } from './digest/release-digest.ts';
export { shownTimes } from './digest/shown-times.ts';
export { sessionNews } from './digest/session-news.ts';
export { renderDigestEmail, type DigestEmail } from './digest/render-digest-email.ts';
export { releaseWebhookData, type ReleaseWebhookData, type WebhookMeetingChange } from './webhooks/release-webhook-data.ts';
export { sessionWebhookEvents, type SessionWebhookEvent, type SessionWebhookType } from './webhooks/session-webhook-events.ts';
export type { WebhookSessionChange, WebhookMeeting, WebhookSubscriber, WebhookRelease } from './webhooks/webhook-change.ts';
export { reminderNotice, type ReminderInput, type ReminderNotice, type ReminderWebhookData } from './reminders/reminder-notice.ts';
export { confirmationEmail, type ConfirmationInput } from './confirmation/confirmation-email.ts';
export { subscriberPage, refusalPage, type SubscriberPageInput, type SubscriberPageKind } from './pages/subscriber-page.ts';
export { invitationNote, type InvitationKind, type InvitationNote, type InvitationNoteInput } from './invitations/invitation-note.ts';
