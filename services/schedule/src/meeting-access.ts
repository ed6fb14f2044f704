import { MeetingNotFoundError, type ExistingMeeting, type Meeting } from '@meridian/domain';
import { HttpErrors } from '@meridian/http';

/**
 * The meeting if `organiser` owns it. Another organiser gets a 403 where the meeting is public
 * (released) and a 404 where it is not, so drafts do not leak their existence.
 */
export const ownedMeeting = (meetingId: string, meeting: Meeting | undefined, organiser: string): ExistingMeeting => {
  if (meeting === undefined || !meeting.exists) throw new MeetingNotFoundError(meetingId);
  if (meeting.organiser === organiser) return meeting;
  if (meeting.releases.length > 0) {
    throw new HttpErrors.Forbidden(`meeting ${meetingId} belongs to another organiser`);
  }
  throw new MeetingNotFoundError(meetingId);
};

/** A meeting participants may see: one with at least one release. */
export const publishedMeeting = (meetingId: string, meeting: Meeting | undefined): ExistingMeeting => {
  const published = meetingIfPublished(meeting);
  if (published === undefined) throw new MeetingNotFoundError(meetingId);
  return published;
};

/** The meeting if participants may see it, else undefined (for a caller with no 404 to answer). */
export const meetingIfPublished = (meeting: Meeting | undefined): ExistingMeeting | undefined =>
  meeting !== undefined && meeting.exists && meeting.releases.length > 0 ? meeting : undefined;
