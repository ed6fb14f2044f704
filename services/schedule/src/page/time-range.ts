import { projectInstant, Temporal } from '@meridian/domain';
import { escapeHtml } from './html.ts';
import type { PageLocalizer } from './page-localizer.ts';
import { formatInstant, zoneNameAt } from './page-formats.ts';

/** One end of a session on one clock: what the page prints of it. */
export interface ClockTime {
  /** UTC, ISO (`2025-11-26T08:00:00Z`) */
  readonly instant: string;
  /** time of day, by `Intl` ("17:00", "5:00 PM") */
  readonly time: string;
  /** the zone's short name at that instant */
  readonly zone: string;
  /** this clock's date minus the meeting's date (always 0 on the meeting's own clock) */
  readonly shift: number;
}

export interface RangeZones {
  readonly meetingZone: string;
  readonly viewerZone: string;
}

/**
 * Both clocks of an instant, the viewer's as the agenda API projects it (`projectInstant`: its
 * `text.time`, `abbreviation` and `dayShift`), the meeting's with the same `Intl` options.
 */
export const clockTimes = (instant: Temporal.Instant, zones: RangeZones, locale: string): { meeting: ClockTime; viewer: ClockTime } => {
  const projected = projectInstant(instant, { ...zones, locale });
  return {
    meeting: { instant: projected.instant, time: formatInstant(instant, 'time', zones.meetingZone, locale), zone: zoneNameAt(instant, zones.meetingZone, locale), shift: 0 },
    viewer: { instant: projected.instant, time: projected.text.time, zone: projected.abbreviation, shift: projected.dayShift },
  };
};

/** "+1 day", "−1 day" in the reader's language (the words of `@meridian/notices`). */
export const dayShiftText = (l: PageLocalizer, days: number): string =>
  days > 0 ? l.notices.t('time.dayLater', { days }) : l.notices.t('time.dayEarlier', { days: -days });

/**
 * Days from the meeting's date at a session's start to its date at the end: 1 for 23:30–01:00.
 * A range is read under the start's date (the programme's day heading), so `rangeHtml` counts the
 * end's day shift from that date, not from the end's own.
 */
export const meetingDaysAcross = (start: Temporal.Instant, end: Temporal.Instant, meetingZone: string): number =>
  start.toZonedDateTimeISO(meetingZone).toPlainDate().until(end.toZonedDateTimeISO(meetingZone).toPlainDate()).days;

/**
 * A session's time on one clock as HTML: `<time>`s joined by an en dash, the zone's short name,
 * and the day shift (once, after the zone, when both ends share it; else beside each end), counted
 * from the meeting's date at the start (`daysAcross`, see `meetingDaysAcross`). A session across a
 * DST change names the zone at each end ("01:30 CET–03:30 CEST"). The page's script builds the
 * very same markup (`client/agenda.js`, `range`).
 *
 * @example
 * rangeHtml(l, { instant: 'A', time: '23:30', zone: 'GMT+9', shift: 0 }, { instant: 'B', time: '01:00', zone: 'GMT+9', shift: 1 })
 * //=> '<time datetime="A">23:30</time>–<time datetime="B">01:00</time> <span class="d">+1 day</span> <bdi class="z">GMT+9</bdi>'
 */
export const rangeHtml = (l: PageLocalizer, start: ClockTime, end: ClockTime, daysAcross = 0): string => {
  const time = (clock: ClockTime) => `<time datetime="${escapeHtml(clock.instant)}">${escapeHtml(clock.time)}</time>`;
  const zone = (clock: ClockTime) => ` <bdi class="z">${escapeHtml(clock.zone)}</bdi>`;
  const shift = (days: number) => (days === 0 ? '' : ` <span class="d">${escapeHtml(dayShiftText(l, days))}</span>`);
  const sameZone = start.zone === end.zone;
  const endShift = end.shift + daysAcross;
  if (start.shift === endShift) {
    return `${time(start)}${sameZone ? '' : zone(start)}–${time(end)}${zone(end)}${shift(endShift)}`;
  }
  return `${time(start)}${shift(start.shift)}${sameZone ? '' : zone(start)}–${time(end)}${shift(endShift)}${zone(end)}`;
};
