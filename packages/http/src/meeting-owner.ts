import { MeetingNotFoundError, type ExistingMeeting, type Meeting } from '@meridian/domain';
import { HttpErrors } from './errors.ts';

/**
 * The meeting if `organiser` owns it. Another organiser gets a 403 where the meeting is public
 * (released) and a 404 where it is not, so drafts do not leak their existence. One rule for every
 * organiser route of both services (DESIGN.md, HTTP conventions).
 */
export const ownedMeeting = (meetingId: string, meeting: Meeting | undefined, organiser: string): ExistingMeeting => {
  if (meeting === undefined || !meeting.exists) throw new MeetingNotFoundError(meetingId);
  if (meeting.organiser === organiser) return meeting;
  if (meeting.releases.length > 0) {
    throw new HttpErrors.Forbidden(`meeting ${meetingId} belongs to another organiser`);
  }
  throw new MeetingNotFoundError(meetingId);
};
