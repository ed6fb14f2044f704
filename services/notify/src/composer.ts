import type { ExistingMeeting, Release, ReleaseChanges, ReleasedSession, SessionChange } from '@meridian/domain';
import {
  confirmationEmail,
  invitationNote,
  releaseDigest,
  releaseWebhookData,
  reminderNotice,
  renderDigestEmail,
  sessionWebhookEvents,
  type NoticeLinks,
} from '@meridian/notices';
import { buildInvitation, type Organizer } from '@meridian/calendar';
import { linkToken } from '@meridian/http';
import type { ActiveSubscription } from './db/subscriptions-table.ts';
import type { Contact } from './db/contacts.ts';
import type { OutboxMessage } from './db/outbox.ts';
import { notificationId } from './ids.ts';

/** One notification to record: its deterministic id, its kind, and the rendered message. */
export interface ComposedNotice {
  readonly id: string;
  readonly kind: string;
  readonly message: OutboxMessage;
}

export interface ReleaseNoticesInput {
  readonly subscription: ActiveSubscription;
  readonly contact: Contact;
  readonly meeting: ExistingMeeting;
  readonly release: Release;
  /** the release's changes that concern this subscriber */
  readonly changes: ReleaseChanges;
}

export interface ComposerOptions {
  /** the notify service's public base (confirmation and unsubscribe links) */
  readonly publicUrl: string;
  /** the schedule service's public base (agenda pages and feeds) */
  readonly scheduleUrl: string;
  readonly secret: string;
  /** iCalendar ORGANIZER of invitations */
  readonly organizer: Organizer;
}

export type Composer = ReturnType<typeof createComposer>;

/**
 * Renders what the reactor and the reminder scheduler record: for each subscriber, in their zone
 * and language, one digest e-mail per release (plus an iTIP message per changed session when they
 * asked for invitations), or one `agenda.released` webhook plus the per-session types they want.
 * Ids depend only on (subscription, release, kind, session), so rendering twice records once.
 */
export const createComposer = (options: ComposerOptions) => {
  const links = (subscriptionId: string, meetingId: string): NoticeLinks => {
    const meeting = `${options.scheduleUrl}/meetings/${encodeURIComponent(meetingId)}`;
    return {
      page: `${options.scheduleUrl}/m/${encodeURIComponent(meetingId)}`,
      feed: `${meeting}/calendar.ics`,
      unsubscribe: `${options.publicUrl}/subscriptions/${subscriptionId}/unsubscribe?token=${linkToken(options.secret, 'unsubscribe', subscriptionId)}`,
    };
  };
  const wants = (subscription: ActiveSubscription, type: string): boolean =>
    subscription.eventTypes === null || subscription.eventTypes.includes(type);

  return {
    releaseNotices({ subscription, contact, meeting, release, changes }: ReleaseNoticesInput): ComposedNotice[] {
      const release_ = `release:${release.version}`;
      const id = (kind: string, sessionId = '-') => notificationId(subscription.subscriptionId, release_, kind, sessionId);
      const recipient = { timeZone: subscription.timeZone, locale: subscription.locale };
      const input = { meeting, release, changes, recipient, links: links(subscription.subscriptionId, meeting.id) };
      if (subscription.channel === 'webhook') {
        const timestamp = release.releasedAt;
        const notices: ComposedNotice[] = [];
        if (wants(subscription, 'agenda.released')) {
          notices.push({ id: id('agenda.released'), kind: 'agenda.released', message: { channel: 'webhook', type: 'agenda.released', timestamp, data: releaseWebhookData(input) } });
        }
        if (changes.meetingCancelled && wants(subscription, 'meeting.cancelled')) {
          notices.push({ id: id('meeting.cancelled'), kind: 'meeting.cancelled', message: { channel: 'webhook', type: 'meeting.cancelled', timestamp, data: releaseWebhookData(input) } });
        }
        for (const event of sessionWebhookEvents(input)) {
          if (!wants(subscription, event.type)) continue;
          notices.push({ id: id(event.type, event.data.session.sessionId), kind: event.type, message: { channel: 'webhook', type: event.type, timestamp, data: event.data } });
        }
        return notices;
      }
      const digest = renderDigestEmail(releaseDigest(input));
      const notices: ComposedNotice[] = [
        { id: id('agenda.released'), kind: 'agenda.released', message: email(digest, input.links.unsubscribe, null) },
      ];
      if (subscription.invitations && contact.address !== null) {
        for (const change of changes.sessions) {
          const session = release.sessions.get(change.sessionId);
          if (session === undefined) continue;
          notices.push({
            id: id('itip', change.sessionId),
            kind: 'itip',
            message: invitation({ meeting, release, session, change, recipient, address: contact.address, links: input.links }),
          });
        }
      }
      return notices;
    },

    reminderNotice(input: {
      subscription: ActiveSubscription;
      meeting: ExistingMeeting;
      session: ReleasedSession;
      minutesBefore: number;
      reminderId: string;
    }): ComposedNotice {
      const { subscription, meeting, session, minutesBefore } = input;
      const recipient = { timeZone: subscription.timeZone, locale: subscription.locale };
      const noticeLinks = links(subscription.subscriptionId, meeting.id);
      const notice = reminderNotice({ meeting, session, minutesBefore, recipient, links: noticeLinks });
      const message: OutboxMessage =
        subscription.channel === 'webhook'
          ? { channel: 'webhook', type: 'reminder.due', timestamp: notice.dueAt, data: notice.webhookData }
          : email(notice, noticeLinks.unsubscribe, null);
      return { id: input.reminderId, kind: 'reminder.due', message };
    },

    confirmation(input: { subscription: ActiveSubscription; meeting: ExistingMeeting }): ComposedNotice {
      const { subscription, meeting } = input;
      const subscriptionId = subscription.subscriptionId;
      const noticeLinks = links(subscriptionId, meeting.id);
      const rendered = confirmationEmail({
        meetingTitle: meeting.details.title,
        confirmUrl: `${options.publicUrl}/subscriptions/${subscriptionId}/confirm?token=${linkToken(options.secret, 'confirm', subscriptionId)}`,
        unsubscribeUrl: noticeLinks.unsubscribe,
        recipient: { timeZone: subscription.timeZone, locale: subscription.locale },
      });
      return { id: notificationId(subscriptionId, 'confirmation'), kind: 'confirmation', message: email(rendered, noticeLinks.unsubscribe, null) };
    },
  };

  function invitation(input: {
    meeting: ExistingMeeting;
    release: Release;
    session: ReleasedSession;
    change: SessionChange;
    recipient: { timeZone: string; locale: string };
    address: string;
    links: NoticeLinks;
  }): OutboxMessage {
    const note = invitationNote({ meeting: input.meeting, session: input.session, kind: input.change.kind, recipient: input.recipient });
    const content = buildInvitation({
      meeting: input.meeting,
      release: input.release,
      sessionId: input.session.id,
      organizer: options.organizer,
      attendee: { email: input.address },
      pageUrl: input.links.page,
    });
    return email(
      { subject: note.subject, text: note.text, html: `<p>${escapeHtml(note.text).replaceAll('\n', '<br>')}</p>` },
      input.links.unsubscribe,
      { method: input.change.kind === 'cancelled' || input.release.cancelled ? 'CANCEL' : 'REQUEST', content },
    );
  }
};

const email = (
  rendered: { subject: string; text: string; html: string },
  unsubscribe: string,
  icalEvent: { method: 'REQUEST' | 'CANCEL'; content: string } | null,
): OutboxMessage => ({ channel: 'email', subject: rendered.subject, text: rendered.text, html: rendered.html, listUnsubscribe: unsubscribe, icalEvent });

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
