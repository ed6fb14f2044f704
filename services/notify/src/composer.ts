import { changesConcerning, type ExistingMeeting, type Release, type ReleaseChanges, type ReleasedSession } from '@meridian/domain';
import {
  confirmationEmail,
  invitationNote,
  releaseDigest,
  releaseWebhookData,
  reminderNotice,
  renderDigestEmail,
  sessionWebhookEvents,
  type InvitationKind,
  type NoticeLinks,
} from '@meridian/notices';
import { buildInvitation, type Organizer } from '@meridian/calendar';
import { linkToken } from '@meridian/http';
import type { ActiveSubscription } from './db/subscriptions-table.ts';
import type { Contact } from './db/contacts.ts';
import type { OutboxMessage, StoredMessage } from './db/outbox.ts';
import { notificationId } from './ids.ts';
import { wantsEventType } from './event-types.ts';
import { fitsTemplate, messageTemplate, STAND_IN, type MessageTemplate } from './message-template.ts';

/** One notification to record: its deterministic id, its kind, and the rendered message. */
export interface ComposedNotice {
  readonly id: string;
  readonly kind: string;
  readonly message: OutboxMessage;
}

/** One release notification addressed to one subscriber, its message serialised for the outbox. */
export interface AddressedNotice {
  readonly id: string;
  readonly kind: string;
  readonly stored: StoredMessage;
}

/** A release's notices for each of its subscribers (see `releaseFanOut`). */
export type ReleaseFanOut = (subscription: ActiveSubscription, contact: Contact) => AddressedNotice[];

/**
 * What the subscribers of one channel, zone, locale and interests share in a release: the changes
 * that concern them (null: none, they get nothing), and the templates of their notices, rendered
 * for the first of them whose unsubscribe link fits a template.
 */
interface ReleaseGroup {
  readonly changes: ReleaseChanges | null;
  templates: { readonly kind: string; readonly sessionId: string; readonly template: MessageTemplate }[] | undefined;
}

/** A release notice before it is addressed: the same for every subscriber of one zone, language and interest. */
interface ReleaseDraft {
  readonly kind: string;
  readonly sessionId: string;
  readonly message: OutboxMessage;
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
  // The page opens in the subscriber's zone and language, as the notice was written: a link
  // without them shows the browser's, which may not be the zone the subscriber chose.
  const links = (subscription: ActiveSubscription, meetingId: string): NoticeLinks => {
    const { subscriptionId } = subscription;
    const meeting = `${options.scheduleUrl}/meetings/${encodeURIComponent(meetingId)}`;
    const view = new URLSearchParams({ tz: subscription.timeZone, lang: subscription.locale });
    return {
      page: `${options.scheduleUrl}/m/${encodeURIComponent(meetingId)}?${view.toString()}`,
      feed: `${meeting}/calendar.ics`,
      unsubscribe: `${options.publicUrl}/subscriptions/${subscriptionId}/unsubscribe?token=${linkToken(options.secret, 'unsubscribe', subscriptionId)}`,
    };
  };

  return {
    /**
     * Renders a release's notices for its subscribers: the notices that concern each one, in their
     * zone and language. Subscribers who share channel, zone, locale and interests receive the same
     * notice but for its id and unsubscribe link, so each such group is rendered once and filled in
     * per subscriber (iTIP invitations name their attendee: rendered for each). A release made with
     * `notify: false` tells no one, but still updates the calendars that hold its sessions through
     * invitations, as it updates the feeds: their iTIP messages alone.
     */
    releaseFanOut(meeting: ExistingMeeting, release: Release): ReleaseFanOut {
      const groups = new Map<string, ReleaseGroup>();
      const groupOf = (subscription: ActiveSubscription): ReleaseGroup => {
        const { channel, timeZone, locale, sessionIds, eventTypes } = subscription;
        const key = JSON.stringify([channel, timeZone, locale, sessionIds, eventTypes]);
        let group = groups.get(key);
        if (group === undefined) groups.set(key, (group = { changes: changesConcerning(release.changes, subscription), templates: undefined }));
        return group;
      };
      return (subscription, contact) => {
        const group = groupOf(subscription);
        const { changes } = group;
        if (changes === null) return [];
        const id = (kind: string, sessionId: string) => releaseNotificationId(subscription.subscriptionId, release.version, kind, sessionId);
        const noticeLinks = links(subscription, meeting.id);
        const addressed: AddressedNotice[] = [];
        if (release.notify && fitsTemplate(noticeLinks.unsubscribe)) {
          group.templates ??= releaseDrafts(subscription, { meeting, release, changes, links: { ...noticeLinks, unsubscribe: STAND_IN } }).map(
            ({ kind, sessionId, message }) => ({ kind, sessionId, template: messageTemplate(message) }),
          );
          for (const { kind, sessionId, template } of group.templates) addressed.push({ id: id(kind, sessionId), kind, stored: { template, fill: noticeLinks.unsubscribe } });
        } else if (release.notify) {
          for (const { kind, sessionId, message } of releaseDrafts(subscription, { meeting, release, changes, links: noticeLinks })) {
            addressed.push({ id: id(kind, sessionId), kind, stored: { json: JSON.stringify(message) } });
          }
        }
        if (subscription.channel === 'email' && subscription.invitations && contact.address !== null) {
          const recipient = { timeZone: subscription.timeZone, locale: subscription.locale };
          for (const change of changes.sessions) {
            const session = release.sessions.get(change.sessionId);
            if (session === undefined) continue;
            const message = invitation({ meeting, release, session, kind: change.kind, recipient, address: contact.address, links: noticeLinks });
            addressed.push({ id: id('itip', change.sessionId), kind: 'itip', stored: { json: JSON.stringify(message) } });
          }
        }
        return addressed;
      };
    },

    /**
     * The invitations a subscriber has not had yet: one iTIP REQUEST per session of the latest
     * release they follow and `held` leaves out (the sessions they had invitations for, null: all
     * of them), so that a calendar holds the whole agenda however late its owner subscribed or
     * asked for invitations, not only the sessions changed since. Each under the id that release's
     * own invitation of the session has (whichever of the two comes first, the other is not sent),
     * but for a change of preferences: under the change's own.
     */
    invitationsNotHeld(input: {
      subscription: ActiveSubscription;
      contact: Contact;
      meeting: ExistingMeeting;
      held: ReadonlySet<string> | null;
      /** a change of preferences (its event): ids of its own, see `invitationsWithdrawn` */
      occasion?: string | undefined;
    }): AddressedNotice[] {
      const { subscription, held, occasion } = input;
      if (!subscription.invitations || held === null) return [];
      const followed = subscription.sessionIds === null ? null : new Set(subscription.sessionIds);
      const { subscriptionId } = subscription;
      return latestReleaseInvitations(input, 'added', {
        include: (sessionId) => !held.has(sessionId) && (followed === null || followed.has(sessionId)),
        idOf: (version, sessionId) => (occasion === undefined ? releaseNotificationId(subscriptionId, version, 'itip', sessionId) : notificationId(subscriptionId, occasion, 'itip', sessionId)),
      });
    },

    /**
     * The invitations a change of preferences takes back: an iTIP CANCEL for each scheduled session
     * of the latest release that the calendar held (`held`, null: all) and no longer does (`kept`:
     * the sessions followed with invitations after the change, null: all), so that a session the
     * subscriber stopped following, or every session once they asked for no more invitations, does
     * not stay in their calendar frozen at its last time. Ids of the change (`occasion`, its event):
     * a session followed again afterwards gets its REQUEST under the next change's ids, not deduplicated
     * against the one first sent for the same release.
     */
    invitationsWithdrawn(input: {
      subscription: ActiveSubscription;
      contact: Contact;
      meeting: ExistingMeeting;
      held: ReadonlySet<string> | null;
      kept: ReadonlySet<string> | null;
      occasion: string;
    }): AddressedNotice[] {
      const { subscription, held, kept, occasion } = input;
      if (kept === null) return [];
      return latestReleaseInvitations(input, 'unfollowed', {
        include: (sessionId) => !kept.has(sessionId) && (held === null || held.has(sessionId)),
        idOf: (_version, sessionId) => notificationId(subscription.subscriptionId, occasion, 'itip', sessionId),
      });
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
      const noticeLinks = links(subscription, meeting.id);
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
      const noticeLinks = links(subscription, meeting.id);
      const rendered = confirmationEmail({
        meetingTitle: meeting.details.title,
        confirmUrl: `${options.publicUrl}/subscriptions/${subscriptionId}/confirm?token=${linkToken(options.secret, 'confirm', subscriptionId)}`,
        unsubscribeUrl: noticeLinks.unsubscribe,
        recipient: { timeZone: subscription.timeZone, locale: subscription.locale },
      });
      return { id: notificationId(subscriptionId, 'confirmation'), kind: 'confirmation', message: email(rendered, noticeLinks.unsubscribe, null) };
    },
  };

  /**
   * An iTIP message of `kind` for each scheduled session of the meeting's latest release that
   * `include` picks, to an e-mail subscriber; none while nothing is released, or once cancelled.
   */
  function latestReleaseInvitations(
    to: { subscription: ActiveSubscription; contact: Contact; meeting: ExistingMeeting },
    kind: 'added' | 'unfollowed',
    pick: { include: (sessionId: string) => boolean; idOf: (version: number, sessionId: string) => string },
  ): AddressedNotice[] {
    const { subscription, contact, meeting } = to;
    const release = meeting.releases.at(-1);
    if (subscription.channel !== 'email' || contact.address === null || release === undefined || release.cancelled) return [];
    const recipient = { timeZone: subscription.timeZone, locale: subscription.locale };
    const noticeLinks = links(subscription, meeting.id);
    const notices: AddressedNotice[] = [];
    for (const session of release.sessions.values()) {
      if (session.status !== 'scheduled' || !pick.include(session.id)) continue;
      const message = invitation({ meeting, release, session, kind, recipient, address: contact.address, links: noticeLinks });
      notices.push({ id: pick.idOf(release.version, session.id), kind: 'itip', stored: { json: JSON.stringify(message) } });
    }
    return notices;
  }

  /** The notices of a release for one subscriber but its invitations, unaddressed. */
  function releaseDrafts(
    subscription: ActiveSubscription,
    input: { meeting: ExistingMeeting; release: Release; changes: ReleaseChanges; links: NoticeLinks },
  ): ReleaseDraft[] {
    const { release, changes } = input;
    const notice = { ...input, recipient: { timeZone: subscription.timeZone, locale: subscription.locale } };
    if (subscription.channel === 'email') {
      return [{ kind: 'agenda.released', sessionId: '-', message: email(renderDigestEmail(releaseDigest(notice)), input.links.unsubscribe, null) }];
    }
    const timestamp = release.releasedAt;
    const drafts: ReleaseDraft[] = [];
    for (const type of ['agenda.released', ...(changes.meetingCancelled ? ['meeting.cancelled'] : [])]) {
      if (wantsEventType(subscription, type)) drafts.push({ kind: type, sessionId: '-', message: { channel: 'webhook', type, timestamp, data: releaseWebhookData(notice) } });
    }
    for (const event of sessionWebhookEvents(notice)) {
      if (!wantsEventType(subscription, event.type)) continue;
      drafts.push({ kind: event.type, sessionId: event.data.session.sessionId, message: { channel: 'webhook', type: event.type, timestamp, data: event.data } });
    }
    return drafts;
  }

  function invitation(input: {
    meeting: ExistingMeeting;
    release: Release;
    session: ReleasedSession;
    kind: InvitationKind;
    recipient: { timeZone: string; locale: string };
    address: string;
    links: NoticeLinks;
  }): OutboxMessage {
    const note = invitationNote({ meeting: input.meeting, session: input.session, kind: input.kind, recipient: input.recipient });
    const content = buildInvitation({
      meeting: input.meeting,
      release: input.release,
      sessionId: input.session.id,
      organizer: options.organizer,
      attendee: { email: input.address },
      pageUrl: input.links.page,
      withdrawn: input.kind === 'unfollowed',
    });
    return email(
      { subject: note.subject, text: note.text, html: `<p>${escapeHtml(note.text).replaceAll('\n', '<br>')}</p>` },
      input.links.unsubscribe,
      { method: input.kind === 'cancelled' || input.kind === 'unfollowed' || input.release.cancelled ? 'CANCEL' : 'REQUEST', content },
    );
  }
};

/** The id of a release's notice to a subscriber: (subscription, release, kind, session; `-` for none). */
const releaseNotificationId = (subscriptionId: string, version: number, kind: string, sessionId: string): string =>
  notificationId(subscriptionId, `release:${version}`, kind, sessionId);

const email = (
  rendered: { subject: string; text: string; html: string },
  unsubscribe: string,
  icalEvent: { method: 'REQUEST' | 'CANCEL'; content: string } | null,
): OutboxMessage => ({ channel: 'email', subject: rendered.subject, text: rendered.text, html: rendered.html, listUnsubscribe: unsubscribe, icalEvent });

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
