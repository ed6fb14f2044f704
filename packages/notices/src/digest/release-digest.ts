import { htmlLangOf } from '../language.ts';
import { asIs, localizerFor } from '../localizer.ts';
import { labelledLinks } from '../_lib/links.ts';
import type { ReleaseNoticeInput } from '../notice-types.ts';
import type { Digest } from './digest.ts';
import { meetingChanges } from './meeting-changes.ts';
import { digestItems, projectChanges } from './session-items.ts';
import { sessionNews } from './session-news.ts';

/**
 * The one notice a release makes for one subscriber: what changed that concerns them, every time
 * on the meeting's clock and on theirs, in their language. A meeting cancellation is an urgent
 * digest of its own, led by the cancellation.
 *
 * @example
 * releaseDigest({ meeting, release, changes, recipient: { timeZone: 'Asia/Tokyo', locale: 'en-GB' }, links }).subject
 * //=> 'Agenda updated (Rev.2): Meeting on local government and human rights'
 */
export const releaseDigest = ({ release, changes, recipient, links }: ReleaseNoticeInput): Digest => {
  const l = localizerFor(recipient.locale);
  const { title, timeZone } = release.details;
  const zones = { meetingZone: timeZone, viewerZone: recipient.timeZone, locale: recipient.locale };
  // 1. project every time once, into both zones
  const projected = projectChanges(sessionNews(changes), zones, l.locale);
  const items = digestItems(l, projected);
  const sameClock =
    projected.length === 0 ? timeZone === recipient.timeZone : projected.every(({ times }) => times.every((time) => time.sameClock));
  // 2. say what happened, most important first
  const cancelled = changes.meetingCancelled;
  const state = cancelled ? 'cancelled' : changes.published ? 'published' : 'updated';
  const date = new Intl.DateTimeFormat(l.locale, { timeZone: recipient.timeZone, dateStyle: 'long' }).format(Date.parse(release.releasedAt));
  const changedMeeting = meetingChanges(l, changes.meeting, release.details);
  return {
    language: l.language,
    locale: l.locale,
    lang: htmlLangOf(l.language),
    dir: l.dir,
    urgent: cancelled,
    subject: l.t(`digest.subject.${state}`, { title, label: release.label }),
    heading: l.isolate(title),
    cancellation: cancelled
      ? {
          heading: l.t('digest.cancelled.heading'),
          text: l.t('digest.cancelled.text'),
          reason: release.note === null ? null : l.t('digest.cancelled.reason', { reason: release.note }),
        }
      : null,
    lead: l.t(state === 'published' ? 'digest.lead.published' : 'digest.lead.updated', { label: release.label, date: asIs(date) }),
    summary: cancelled ? null : l.t(`digest.count.${changes.published ? 'published' : 'updated'}`, { count: items.length }),
    note: cancelled || release.note === null ? null : l.t('digest.note', { note: release.note }),
    zones: sameClock
      ? l.t('digest.zones.meeting', { meetingZone: timeZone })
      : l.t('digest.zones.both', { meetingZone: timeZone, viewerZone: recipient.timeZone }),
    meetingChanges: changedMeeting.length === 0 ? null : { heading: l.t('meeting.heading'), items: changedMeeting },
    sessions: items.length === 0 ? null : { heading: l.t('digest.sessions.heading'), items },
    links: labelledLinks(l, links, ['page', 'feed', 'manage', 'unsubscribe']),
    footer: l.t('footer.digest', { title }),
  };
};

