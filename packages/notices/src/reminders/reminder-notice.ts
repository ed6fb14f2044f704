import { instantOf, type ExistingMeeting, type MeetingDetails, type ReleasedSession } from '@meridian/domain';
import { displayHtml, htmlDocument, linkHtml } from '../_lib/html.ts';
import { plainText } from '../_lib/plain-text.ts';
import { htmlLangOf } from '../language.ts';
import { asIs, localizerFor } from '../localizer.ts';
import { labelledLinks, linkLine, linksAndFooterHtml } from '../_lib/links.ts';
import type { NoticeLinks, Recipient, RenderedEmail } from '../notice-types.ts';
import { endpointOf } from '../time/endpoint.ts';
import { timeLine } from '../time/format-meeting-time.ts';
import { webhookTime, type WebhookTime } from '../time/webhook-time.ts';
import { webhookMeeting, webhookSubscriber, type WebhookMeeting, type WebhookSubscriber } from '../webhooks/webhook-change.ts';
import { leadTime } from './lead-time.ts';

export interface ReminderInput {
  readonly meeting: ExistingMeeting;
  /** the session as released (its wall times are in the meeting's released zone) */
  readonly session: ReleasedSession;
  /** elapsed minutes before the start: 1440 is 24 hours, also across a DST change */
  readonly minutesBefore: number;
  readonly recipient: Recipient;
  readonly links: Pick<NoticeLinks, 'page' | 'unsubscribe' | 'manage'>;
}

/** The `data` of a `reminder.due` webhook. */
export interface ReminderWebhookData {
  readonly meeting: WebhookMeeting;
  readonly session: Readonly<{ id: string; title: string; start: WebhookTime; end: WebhookTime; joinUrl: string | null }>;
  readonly minutesBefore: number;
  /** the instant the reminder is due: the start minus `minutesBefore` elapsed minutes */
  readonly dueAt: string;
  readonly subscriber: WebhookSubscriber;
}

export interface ReminderNotice extends RenderedEmail {
  readonly dueAt: string;
  readonly webhookData: ReminderWebhookData;
}

/**
 * A reminder that a session starts soon, with its start on the meeting's clock and on the
 * subscriber's ("Session 1: Human rights cities starts in 15 minutes — 09:20 CET · 17:20 your
 * time (GMT+9)"). Instants come from the stored wall times under the tz rules in force, so a
 * reminder across a DST change names the right local times; the date is added when the session is
 * half a day away or more.
 *
 * @example
 * reminderNotice({ meeting, session, minutesBefore: 15, recipient: { timeZone: 'Asia/Tokyo', locale: 'en-GB' }, links }).subject
 * //=> 'Session 1: Human rights cities starts in 15 minutes'
 */
export const reminderNotice = ({ meeting, session, minutesBefore, recipient, links }: ReminderInput): ReminderNotice => {
  const l = localizerFor(recipient.locale);
  const details = releasedDetails(meeting);
  const zones = { meetingZone: details.timeZone, viewerZone: recipient.timeZone, locale: recipient.locale };
  // 1. the instants, from the wall times as released
  const startInstant = instantOf(session.start, details.timeZone);
  const start = endpointOf(startInstant, zones, l.locale);
  const end = endpointOf(instantOf(session.end, details.timeZone), zones, l.locale);
  const dueAt = startInstant.subtract({ minutes: minutesBefore }).toString();
  // 2. the words
  const when = asIs(leadTime(l, minutesBefore));
  const subject = l.t('reminder.subject', { title: session.title, when });
  const line = l.t('reminder.line', { title: session.title, when, time: asIs(timeLine(l, [start], minutesBefore >= 720)) });
  const location = details.location === null ? null : l.t('reminder.location', { location: details.location.name });
  const join = details.location?.url ?? null;
  const joinText = join === null ? null : linkLine(l, l.t('link.join'), join);
  const footer = l.t('reminder.footer', { title: details.title });
  const linkLines = labelledLinks(l, links, ['page', 'manage', 'unsubscribe']);
  return {
    subject,
    text: plainText([line, [location, joinText], linkLines.map((link) => link.text), footer], l.dir),
    html: htmlDocument({
      lang: htmlLangOf(l.language),
      dir: l.dir,
      title: subject,
      body: [
        `<p style="font-size: 1.2em"><strong>${displayHtml(line)}</strong></p>`,
        location === null ? '' : `<p>${displayHtml(location)}</p>`,
        join === null ? '' : `<p>${linkHtml(join, l.t('link.join'))}</p>`,
        linksAndFooterHtml(linkLines, footer),
      ]
        .filter((part) => part !== '')
        .join('\n'),
    }),
    dueAt,
    webhookData: {
      meeting: webhookMeeting(meeting.id, details),
      session: {
        id: session.id,
        title: session.title,
        start: webhookTime(start, recipient.timeZone),
        end: webhookTime(end, recipient.timeZone),
        joinUrl: join,
      },
      minutesBefore,
      dueAt,
      subscriber: webhookSubscriber(recipient),
    },
  };
};

/** What participants see of the meeting: its last release, or the draft before any release. */
const releasedDetails = (meeting: ExistingMeeting): MeetingDetails => meeting.releases.at(-1)?.details ?? meeting.details;

