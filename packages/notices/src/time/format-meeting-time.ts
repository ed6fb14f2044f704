import { Temporal } from '@meridian/domain';
import { asIs, localizerFor, type Localized, type Localizer, type MessageValue } from '../localizer.ts';
import { endpointOf, type Endpoint, type InstantInput, type ZonesOptions } from './endpoint.ts';

export interface MeetingTimeOptions extends ZonesOptions {
  /** start with the meeting's date ("Wednesday 26 November 2025, …"); default false */
  readonly date?: boolean;
}

/**
 * The line that tells one instant on both clocks, in the subscriber's language: the meeting's
 * time and zone, then the subscriber's time, zone and day shift. The second half is left out when
 * both zones read the same wall time at the same offset. Times, dates and zone names come from
 * `Intl` for the subscriber's locale; the words around them from the catalogue.
 *
 * @example
 * formatMeetingTime('2025-11-26T14:00:00Z', { meetingZone: 'Europe/Zurich', viewerZone: 'America/New_York', locale: 'en-GB' })
 * //=> '15:00 CET · 09:00 your time (GMT-5)'
 */
export const formatMeetingTime = (instant: InstantInput, options: MeetingTimeOptions): string => {
  const l = localizerFor(options.locale);
  return timeLine(l, [endpointOf(instant, options, l.locale)], options.date ?? false);
};

/**
 * The same line for a session, from its start to its end ("15:30–17:00 CET · 23:30–01:00
 * (+1 day) your time (GMT+9)"); a day shift shared by both ends goes beside the zone.
 *
 * @example
 * formatSessionTime('2025-11-26T14:30:00Z', '2025-11-26T16:00:00Z', { meetingZone: 'Europe/Zurich', viewerZone: 'Asia/Tokyo', locale: 'en-GB' })
 * //=> '15:30–17:00 CET · 23:30–01:00 (+1 day) your time (GMT+9)'
 */
export const formatSessionTime = (start: InstantInput, end: InstantInput, options: MeetingTimeOptions): string => {
  const l = localizerFor(options.locale);
  return timeLine(l, [endpointOf(start, options, l.locale), endpointOf(end, options, l.locale)], options.date ?? false);
};

/**
 * The time line of one endpoint (an instant) or two (a range), already projected: the shared
 * core of `formatMeetingTime`, `formatSessionTime` and every notice.
 *
 * @example
 * timeLine(localizerFor('en-GB'), [endpointOf('2025-11-26T14:00:00Z', zones, 'en-GB')], false) //=> '15:00 CET · 09:00 your time (GMT-5)'
 */
export const timeLine = (l: Localizer, endpoints: readonly Endpoint[], withDate: boolean): string => {
  const first = endpoints[0]!;
  const meeting = meetingHalf(l, endpoints);
  const dated = withDate ? asIs(l.t('time.dated', { date: first.meetingDate, time: meeting })) : meeting;
  if (endpoints.every((endpoint) => endpoint.sameClock)) return dated.localized;
  return l.t('time.both', { meeting: dated, viewer: viewerHalf(l, endpoints) });
};

/** A time, or a range from start to end when there is an end. */
const range = (l: Localizer, start: MessageValue, end: MessageValue | undefined): MessageValue =>
  end === undefined ? start : asIs(l.t('time.range', { start, end }));

const meetingHalf = (l: Localizer, endpoints: readonly Endpoint[]): Localized => {
  const [start, end] = endpoints as [Endpoint, Endpoint | undefined];
  // A session past midnight on the meeting's clock ends on the next day of it, as the page marks it.
  const endTime = end === undefined ? undefined : shifted(l, end.meetingTime, meetingDateOf(start).until(meetingDateOf(end)).days);
  if (end === undefined || end.meetingAbbreviation === start.meetingAbbreviation) {
    return asIs(l.t('time.meeting', { time: range(l, start.meetingTime, endTime), zone: start.meetingAbbreviation }));
  }
  // a session across a DST change: each end with its own zone name ("01:30 CET–03:30 CEST")
  const withZone = (time: MessageValue, endpoint: Endpoint) => asIs(l.t('time.meeting', { time, zone: endpoint.meetingAbbreviation }));
  return asIs(l.t('time.range', { start: withZone(start.meetingTime, start), end: withZone(endTime!, end) }));
};

const viewerHalf = (l: Localizer, endpoints: readonly Endpoint[]): Localized => {
  const [start, end] = endpoints as [Endpoint, Endpoint | undefined];
  const zones = [...new Set(endpoints.map((endpoint) => endpoint.projected.abbreviation))].join('/');
  const shifts = endpoints.map((endpoint) => shiftFrom(start, endpoint));
  const shared = shifts.every((shift) => shift === shifts[0]);
  const time = shared
    ? range(l, start.viewerTime, end?.viewerTime)
    : range(l, markedTime(l, start, shifts[0]!), end === undefined ? undefined : markedTime(l, end, shifts[1]!));
  const shift = shared ? shifts[0]! : 0;
  return asIs(
    shift === 0
      ? l.t('time.viewer', { time, zone: zones })
      : l.t('time.viewerShifted', { time, zone: zones, shift: asIs(dayShiftText(l, shift)) }),
  );
};

/**
 * The viewer's date at `endpoint` minus the meeting's date at `first`: a line shows one date, the
 * meeting's at its start, so a session that runs past midnight on the meeting's clock has its end
 * shifted from that date, not from its own.
 */
const shiftFrom = (first: Endpoint, endpoint: Endpoint): number =>
  endpoint.projected.dayShift + meetingDateOf(first).until(meetingDateOf(endpoint)).days;

const meetingDateOf = (endpoint: Endpoint) => Temporal.PlainDate.from(endpoint.projected.meeting);

const markedTime = (l: Localizer, endpoint: Endpoint, shift: number): MessageValue => shifted(l, endpoint.viewerTime, shift);

/** A time with the days it lies after (or before) the line's date, when it does. */
const shifted = (l: Localizer, time: MessageValue, shift: number): MessageValue =>
  shift === 0 ? time : asIs(l.t('time.endpointShifted', { time, shift: asIs(dayShiftText(l, shift)) }));

/** "+1 day", "−1 day" in the reader's language. */
const dayShiftText = (l: Localizer, days: number): string =>
  days > 0 ? l.t('time.dayLater', { days }) : l.t('time.dayEarlier', { days: -days });
