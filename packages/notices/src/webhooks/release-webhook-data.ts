import type { MeetingDetails, MeetingField } from '@meridian/domain';
import type { Digest } from '../digest/digest.ts';
import { releaseDigest } from '../digest/release-digest.ts';
import type { ReleaseNoticeInput } from '../notice-types.ts';
import { webhookChange, webhookRelease, type WebhookRelease, type WebhookSessionChange } from './webhook-change.ts';

/** One changed meeting detail and its new value, as the domain holds it. */
export interface WebhookMeetingChange {
  readonly field: MeetingField;
  readonly value: MeetingDetails[MeetingField];
}

/** The `data` of an `agenda.released` webhook: the whole release for one subscriber. */
export interface ReleaseWebhookData extends WebhookRelease {
  readonly published: boolean;
  readonly meetingCancelled: boolean;
  readonly meetingChanges: readonly WebhookMeetingChange[];
  readonly changes: readonly WebhookSessionChange[];
  /** the same digest the e-mail renders, in the subscriber's language */
  readonly digest: Digest;
}

/**
 * The `agenda.released` webhook data: every change that concerns the subscriber with its times
 * in UTC, on the meeting's clock and on theirs, and the localized digest. Deterministic: the same
 * input gives the same data (no clock, no random ids: the webhook id is the channel's business).
 *
 * @example
 * releaseWebhookData(input).changes[0].start
 * //=> { utc: '2025-11-26T14:30:00Z', meeting: { local: '2025-11-26T15:30', … }, subscriber: { …, dayShift: 0 } }
 */
export const releaseWebhookData = (input: ReleaseNoticeInput): ReleaseWebhookData => {
  const { meeting, release, changes, recipient } = input;
  const zones = { meetingZone: release.details.timeZone, viewerZone: recipient.timeZone, locale: recipient.locale };
  return {
    ...webhookRelease(meeting.id, release, recipient),
    published: changes.published,
    meetingCancelled: changes.meetingCancelled,
    meetingChanges: changes.meeting.map((field) => ({ field, value: release.details[field] })),
    changes: changes.sessions.map((change) => webhookChange(change, zones)),
    digest: releaseDigest(input),
  };
};
