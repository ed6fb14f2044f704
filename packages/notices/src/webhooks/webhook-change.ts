import type { MeetingDetails, Release, SessionChange } from '@meridian/domain';
import { intlLocaleOf, languageOf, type Language } from '../language.ts';
import type { Recipient } from '../notice-types.ts';
import { endpointOf, type ZonesOptions } from '../time/endpoint.ts';
import { webhookTime, type WebhookTime } from '../time/webhook-time.ts';

/** One changed session as webhooks carry it: the domain's change with its times in both zones. */
export interface WebhookSessionChange {
  readonly kind: SessionChange['kind'];
  readonly sessionId: string;
  readonly title: string;
  /** iCalendar SEQUENCE after this release */
  readonly sequence: number;
  readonly fields: SessionChange['fields'];
  readonly status: 'scheduled' | 'cancelled';
  readonly start: WebhookTime;
  readonly end: WebhookTime;
  /** where a moved session was */
  readonly previous: Readonly<{ start: WebhookTime; end: WebhookTime }> | null;
}

export interface WebhookMeeting {
  readonly id: string;
  readonly title: string;
  readonly timeZone: string;
}

export interface WebhookSubscriber {
  readonly timeZone: string;
  readonly locale: string;
  readonly language: Language;
}

/** The release fields every release webhook repeats. */
export interface WebhookRelease {
  readonly meeting: WebhookMeeting;
  readonly version: number;
  readonly label: string;
  readonly note: string | null;
  readonly releasedAt: string;
  readonly subscriber: WebhookSubscriber;
}

export const webhookMeeting = (id: string, details: MeetingDetails): WebhookMeeting => ({
  id,
  title: details.title,
  timeZone: details.timeZone,
});

export const webhookSubscriber = (recipient: Recipient): WebhookSubscriber => ({
  timeZone: recipient.timeZone,
  locale: recipient.locale,
  language: languageOf(recipient.locale),
});

export const webhookRelease = (meetingId: string, release: Release, recipient: Recipient): WebhookRelease => ({
  meeting: webhookMeeting(meetingId, release.details),
  version: release.version,
  label: release.label,
  note: release.note,
  releasedAt: release.releasedAt,
  subscriber: webhookSubscriber(recipient),
});

/**
 * A session change with its instants projected: `utc` is the domain's instant unchanged.
 *
 * @example
 * webhookChange(change, { meetingZone: 'Europe/Zurich', viewerZone: 'Asia/Tokyo', locale: 'en-GB' }).start.utc
 * //=> '2025-11-26T14:30:00Z'
 */
export const webhookChange = (change: SessionChange, zones: ZonesOptions): WebhookSessionChange => {
  const locale = intlLocaleOf(zones.locale);
  const time = (instant: string) => webhookTime(endpointOf(instant, zones, locale), zones.viewerZone);
  return {
    kind: change.kind,
    sessionId: change.sessionId,
    title: change.title,
    sequence: change.sequence,
    fields: change.fields,
    status: change.kind === 'cancelled' ? 'cancelled' : 'scheduled',
    start: time(change.times.startInstant),
    end: time(change.times.endInstant),
    previous: change.previous === null ? null : { start: time(change.previous.startInstant), end: time(change.previous.endInstant) },
  };
};
