import { abbreviationAt, BoundedMemo, projectInstant, Temporal } from '@meridian/domain';

/** An instant given as a Temporal instant or its ISO text (`2025-11-26T14:30:00Z`). */
export type InstantInput = Temporal.Instant | string;

export interface ZonesOptions {
  readonly meetingZone: string;
  readonly viewerZone: string;
  /** the subscriber's locale, as they gave it */
  readonly locale: string;
}

/** One instant as both clocks show it, in the words of one `Intl` locale. */
export interface Endpoint {
  /** the domain's projection: instant, wall times, offsets, viewer abbreviation, day shift */
  readonly projected: ReturnType<typeof projectInstant>;
  /** the meeting zone's short name at that instant ("CET", "GMT+1") */
  readonly meetingAbbreviation: string;
  /** the time of day on the meeting's clock ("15:30", "3:30 PM") */
  readonly meetingTime: string;
  /** the meeting's local date, long form ("Wednesday 26 November 2025") */
  readonly meetingDate: string;
  /** the time of day on the viewer's clock */
  readonly viewerTime: string;
  /** whether both clocks read the same: same wall time and same offset */
  readonly sameClock: boolean;
}

/**
 * Projects an instant for a text: the domain's numbers plus `Intl`'s words for them.
 *
 * @example
 * endpointOf('2025-11-26T14:00:00Z', { meetingZone: 'Europe/Zurich', viewerZone: 'America/New_York', locale: 'en-GB' }, 'en-GB').viewerTime
 * //=> '09:00'
 */
export const endpointOf = (input: InstantInput, zones: ZonesOptions, intlLocale: string): Endpoint => {
  const instant = typeof input === 'string' ? Temporal.Instant.from(input) : input;
  const projected = projectInstant(instant, { meetingZone: zones.meetingZone, viewerZone: zones.viewerZone, locale: intlLocale });
  const epoch = instant.epochMilliseconds;
  const inMeeting = formatsOf(intlLocale, zones.meetingZone);
  return {
    projected,
    meetingAbbreviation: abbreviationAt(instant, zones.meetingZone, intlLocale),
    meetingTime: inMeeting.time.format(epoch),
    meetingDate: inMeeting.date.format(epoch),
    viewerTime: formatsOf(intlLocale, zones.viewerZone).time.format(epoch),
    sameClock: projected.local === projected.meeting && projected.offset === projected.meetingOffset,
  };
};

interface Formats {
  readonly time: Intl.DateTimeFormat;
  readonly date: Intl.DateTimeFormat;
}

// Building a DateTimeFormat costs far more than using one; notices use a few (locale, zone) pairs.
const formats = new BoundedMemo<string, Formats>(512);

const formatsOf = (locale: string, timeZone: string): Formats => {
  const key = `${locale}\u0000${timeZone}`;
  return (
    formats.get(key) ??
    formats.set(key, {
      // the locale's own short time: "09:30" in en-GB, "9:30 AM" in en-US, "9:30" in es
      time: new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }),
      date: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    })
  );
};
