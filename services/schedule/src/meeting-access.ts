import { MeetingNotFoundError, type ExistingMeeting, type Meeting } from '@meridian/domain';

/** A meeting participants may see: one with at least one release. */
export const publishedMeeting = (meetingId: string, meeting: Meeting | undefined): ExistingMeeting => {
  const published = meetingIfPublished(meeting);
  if (published === undefined) throw new MeetingNotFoundError(meetingId);
  return published;
};

/** The meeting if participants may see it, else undefined (for a caller with no 404 to answer). */
export const meetingIfPublished = (meeting: Meeting | undefined): ExistingMeeting | undefined =>
  meeting !== undefined && meeting.exists && meeting.releases.length > 0 ? meeting : undefined;
