import { asIs, sessionNews, shownTimes, type MessageKey } from '@meridian/notices';
import { Temporal, type Release, type SessionChange, type SessionTimes } from '@meridian/domain';
import { escapeHtml, markup, noticeTextHtml } from './html.ts';
import type { PageContext } from './page-context.ts';
import { formatInstant } from './page-formats.ts';
import { clockTimes, meetingDaysAcross, rangeHtml } from './time-range.ts';

/**
 * The release history, newest first: each version's label, when it was released (in the viewer's
 * zone), the organisers' note and what changed, session times on both clocks. The change labels
 * are the words notices use (`@meridian/notices`), so a digest and the page say the same.
 */
export const renderHistory = (page: PageContext): string => {
  const { l } = page;
  const releases = [...page.input.meeting.releases].reverse();
  return [
    '<section class="history" aria-labelledby="history-h">',
    `<h2 id="history-h">${l.t('history.heading')}</h2>`,
    `<ol class="releases" reversed>${releases.map((release, index) => renderRelease(page, release, index === 0)).join('')}</ol>`,
    '</section>',
  ].join('');
};

const renderRelease = (page: PageContext, release: Release, latest: boolean): string => {
  const { l, zones } = page;
  const released = Temporal.Instant.from(release.releasedAt);
  const { changes } = release;
  const items: string[] = [];
  if (changes.published) items.push(l.t('history.published', { count: changes.sessions.length }));
  if (changes.meetingCancelled) items.push(l.t('history.cancelled'));
  if (changes.meeting.length > 0) {
    items.push(l.t('history.meeting', { fields: l.notices.list(changes.meeting.map((field) => l.notices.t(`field.meeting.${field}` as MessageKey))) }));
  }
  if (!changes.published) items.push(...sessionNews(changes).map((change) => renderChange(page, change)));
  return [
    `<li class="release" id="v${release.version}">`,
    `<h3>${l.value(release.label)}${latest ? ` <span class="tag">${l.t('history.latest')}</span>` : ''}</h3>`,
    `<p class="meta">${l.t('history.released', {
      date: markup(`<time datetime="${released.toString()}" data-f="stamp" data-z="v">${escapeHtml(formatInstant(released, 'stamp', zones.viewerZone, l.locale))}</time>`),
    })}</p>`,
    release.note === null ? '' : `<p class="note" dir="auto">${l.t('history.note', { note: release.note })}</p>`,
    items.length === 0 ? '' : `<ul class="changes">${items.map((item) => `<li>${item}</li>`).join('')}</ul>`,
    '</li>',
  ].join('');
};

const renderChange = (page: PageContext, change: SessionChange): string => {
  const { l } = page;
  const item = noticeHtml(page, 'change.item', {
    label: `<strong>${escapeHtml(l.notices.t(`change.${change.kind}`))}</strong>`,
    title: l.value(change.title),
  });
  const { times, previous } = shownTimes(change);
  const parts = [`${item} — ${timesHtml(page, times)}`];
  if (previous !== null) parts.push(`<span class="prev">${noticeHtml(page, 'change.previously', { time: timesHtml(page, previous) })}</span>`);
  if (change.fields.length > 0) {
    parts.push(`<span class="fields">${noticeTextHtml(l.notices.t('change.fields', { fields: asIs(l.notices.list(change.fields.map((field) => l.notices.t(`field.session.${field}`)))) }))}</span>`);
  }
  return parts.join('<br>');
};

/**
 * A session's date and times on both clocks, rewritten in place by the page's script (the date by
 * its `data-i`, the times by `data-s` and `data-e`): the meeting's date, so that a session moved
 * to another day does not read as unchanged, its times, then " · " and the viewer's times, which
 * the page hides when both zones are the same.
 */
const timesHtml = (page: PageContext, times: SessionTimes): string => {
  const [startInstant, endInstant] = [Temporal.Instant.from(times.startInstant), Temporal.Instant.from(times.endInstant)];
  const start = clockTimes(startInstant, page.zones, page.l.locale);
  const end = clockTimes(endInstant, page.zones, page.l.locale);
  const daysAcross = meetingDaysAcross(startInstant, endInstant, page.zones.meetingZone);
  const date = startInstant.toZonedDateTimeISO(page.zones.meetingZone).toPlainDate().toString();
  return [
    `<time datetime="${date}" data-f="date" data-z="m" data-i="${escapeHtml(times.startInstant)}">${escapeHtml(formatInstant(startInstant, 'date', page.zones.meetingZone, page.l.locale))}</time> `,
    `<span class="r" data-s="${escapeHtml(times.startInstant)}" data-e="${escapeHtml(times.endInstant)}">`,
    `<span class="tm">${rangeHtml(page.l, start.meeting, end.meeting, daysAcross)}</span>`,
    `<span class="tv"> · ${rangeHtml(page.l, start.viewer, end.viewer, daysAcross)}</span>`,
    '</span>',
  ].join('');
};

/** A notices message whose placeholders are page markup: filled with private-use marks, then swapped. */
const noticeHtml = (page: PageContext, key: MessageKey, values: Readonly<Record<string, string>>): string => {
  const names = Object.keys(values);
  const marked = page.l.notices.t(key, Object.fromEntries(names.map((name, index) => [name, asIs(`\ue000${index}\ue001`)])));
  return noticeTextHtml(marked).replace(/\ue000(\d+)\ue001/g, (_, index: string) => values[names[Number(index)]!]!);
};
