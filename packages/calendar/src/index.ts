/** Meridian's iCalendar output: the meeting feeds, the iTIP invitations and the VTIMEZONE they share. */
export { buildFeed, showsSession, type FeedInput, type PersonalFeedOptions } from './feed.ts';
export { meetingEndsAt, meetingIsOver } from './meeting-over.ts';
export { buildInvitation, type InvitationInput } from './itip.ts';
export { sessionUid } from './uid.ts';
export { vtimezone, type VTimezoneRange } from './vtimezone.ts';
export type { Attendee, Organizer } from './calendar-users.ts';
