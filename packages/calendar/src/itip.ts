import { Temporal, type ExistingMeeting, type Release } from '@meridian/domain';
import { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import type { Attendee, Organizer } from './calendar-users.ts';
import { parameterText } from './_lib/ical-values.ts';
import { newCalendar, releaseZone, serialise } from './_lib/new-calendar.ts';
import { addSessionEvent, isCancelled } from './_lib/session-event.ts';

export interface InvitationInput {
  readonly meeting: ExistingMeeting;
  /** the release that added, moved, changed or cancelled the session */
  readonly release: Release;
  readonly sessionId: string;
  /** required by iTIP: the address replies would go to */
  readonly organizer: Organizer;
  /** the subscriber the message is for */
  readonly attendee: Attendee;
  /** the meeting page, the session's URL when the meeting has no join link */
  readonly pageUrl: string;
  /**
   * the attendee is taken off a session that goes on (they stopped following it): METHOD:CANCEL
   * for them alone, without STATUS, which RFC 5546 (3.2.5) forbids when uninviting attendees
   */
  readonly withdrawn?: boolean;
}

/**
 * An iTIP message (RFC 5546) for one session of a release: METHOD:REQUEST while it is scheduled,
 * METHOD:CANCEL once it (or the meeting) is cancelled, or for an attendee `withdrawn` from it. UID, SEQUENCE and times are the feed's, so a
 * client that has both sees one event; DTSTAMP is the release's. The attendee is told, not asked
 * (RSVP=FALSE): Meridian does not collect replies.
 *
 * @example
 * buildInvitation({ meeting, release, sessionId: 's1', organizer, attendee: { email: 'ana@example.org' }, pageUrl })
 * //=> 'BEGIN:VCALENDAR\r\n…METHOD:REQUEST\r\n…UID:s1.m-1@meridian\r\nSEQUENCE:1\r\n…
 * //    ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:MAILTO:ana@example.org\r\n…'
 */
export const buildInvitation = (input: InvitationInput): string => {
  const { release, attendee } = input;
  const session = release.sessions.get(input.sessionId);
  if (session === undefined) {
    throw new RangeError(`session ${input.sessionId} is not in release ${release.version} of meeting ${input.meeting.id}`);
  }
  const withdrawn = input.withdrawn === true;
  const method = withdrawn || isCancelled(release, session) ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = newCalendar(method);
  const event = addSessionEvent(calendar, {
    meetingId: input.meeting.id,
    release,
    session,
    stamp: Temporal.Instant.from(release.releasedAt),
    pageUrl: input.pageUrl,
    organizer: input.organizer,
  });
  if (withdrawn) event.status(null);
  event.createAttendee({
    email: attendee.email,
    name: attendee.name === undefined || attendee.name === null ? null : parameterText(attendee.name),
    role: ICalAttendeeRole.OPT,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: false,
  });
  return serialise(calendar, releaseZone(release, [session]));
};
