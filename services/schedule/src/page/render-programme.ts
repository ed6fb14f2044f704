import { Temporal, type AgendaSession } from '@meridian/domain';
import { escapeHtml, isolatedHtml, markup } from './html.ts';
import type { PageContext } from './page-context.ts';
import { formatInstant, listHtml, zoneNameAt } from './page-formats.ts';
import { meetingDaysAcross, rangeHtml, type ClockTime } from './time-range.ts';

/**
 * The programme: one table per day of the meeting (its own local dates), each session with its
 * time on the meeting's clock and on the viewer's side by side, and a link that adds it alone to a
 * calendar. Rows carry `data-session` so the page's script can rewrite their times in place.
 */
export const renderProgramme = (page: PageContext): string => {
  const { l, agenda } = page;
  const days = groupByMeetingDay(agenda.sessions);
  const body =
    days.length === 0
      ? `<p>${l.t('programme.empty')}</p>`
      : days.map(([date, sessions]) => renderDay(page, date, sessions)).join('');
  return `<section id="programme" class="programme" aria-labelledby="programme-h" tabindex="-1"><h2 id="programme-h">${l.t('programme.heading')}</h2>${body}</section>`;
};

/** Sessions by the meeting's local date of their start, in agenda order. */
const groupByMeetingDay = (sessions: readonly AgendaSession[]): [string, AgendaSession[]][] => {
  const days = new Map<string, AgendaSession[]>();
  for (const session of sessions) {
    const date = session.start.meeting.slice(0, 10);
    days.set(date, [...(days.get(date) ?? []), session]);
  }
  return [...days];
};

const renderDay = (page: PageContext, date: string, sessions: readonly AgendaSession[]): string => {
  const { l, zones } = page;
  const first = Temporal.Instant.from(sessions[0]!.start.instant);
  const heading = `<time datetime="${date}" data-f="day" data-z="m" data-i="${first.toString()}">${escapeHtml(formatInstant(first, 'day', zones.meetingZone, l.locale))}</time>`;
  const zoneHeader = (label: string, zone: string) => `${escapeHtml(label)}<br><bdi class="zid">${escapeHtml(zone)}</bdi>`;
  return [
    `<section class="day" aria-labelledby="d-${date}">`,
    `<h3 id="d-${date}">${heading}</h3>`,
    '<table>',
    `<thead><tr><th scope="col" class="tm">${zoneHeader(l.raw('col.meeting'), zones.meetingZone)}</th><th scope="col" class="tv">${zoneHeader(l.raw('col.viewer'), zones.viewerZone)}</th><th scope="col">${l.t('col.session')}</th></tr></thead>`,
    `<tbody>${sessions.map((session) => renderSession(page, session)).join('')}</tbody>`,
    '</table>',
    '</section>',
  ].join('');
};

const renderSession = (page: PageContext, session: AgendaSession): string => {
  const { l, zones } = page;
  const start = Temporal.Instant.from(session.start.instant);
  const end = Temporal.Instant.from(session.end.instant);
  const meetingClock = (instant: Temporal.Instant): ClockTime => ({
    instant: instant.toString(),
    time: formatInstant(instant, 'time', zones.meetingZone, l.locale),
    zone: zoneNameAt(instant, zones.meetingZone, l.locale),
    shift: 0,
  });
  // The viewer's clock exactly as the agenda API gives it.
  const viewerClock = (projected: AgendaSession['start']): ClockTime => ({
    instant: projected.instant,
    time: projected.text.time,
    zone: projected.abbreviation,
    shift: projected.dayShift,
  });
  const daysAcross = meetingDaysAcross(start, end, zones.meetingZone);
  const cancelled = session.status === 'cancelled';
  const speakers = session.speakers.map((speaker) =>
    speaker.affiliation === null ? l.value(speaker.name) : `${l.value(speaker.name)} (${l.value(speaker.affiliation)})`,
  );
  return [
    `<tr id="s-${escapeHtml(session.id)}" data-session="${escapeHtml(session.id)}"${cancelled ? ' class="cancelled"' : ''}>`,
    `<td class="tm">${rangeHtml(l, meetingClock(start), meetingClock(end), daysAcross)}</td>`,
    `<td class="tv">${rangeHtml(l, viewerClock(session.start), viewerClock(session.end), daysAcross)}</td>`,
    '<th scope="row" class="s">',
    `<span class="title" dir="auto">${escapeHtml(session.title)}</span>`,
    cancelled ? ` <span class="badge">${l.t('session.cancelled')}</span>` : '',
    session.description === null ? '' : `<span class="desc" dir="auto">${escapeHtml(session.description)}</span>`,
    speakers.length === 0 ? '' : `<span class="speakers">${l.t('session.speakers', { names: markup(listHtml(l.locale, speakers, 'conjunction')) })}</span>`,
    cancelled
      ? ''
      : `<a class="add" href="${escapeHtml(page.links.session(session.id))}" download="${escapeHtml(session.id)}.ics">${l.t('session.add')}<span class="vh"> – ${isolatedHtml(session.title)}</span></a>`,
    '</th>',
    '</tr>',
  ].join('');
};
