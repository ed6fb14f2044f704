/**
 * The iCalendar UID of a session, stable for ever: built only from the meeting id and the session
 * id, so the feed, every later release and the notify service's iTIP messages name the same event
 * (clients match updates and cancellations by UID alone).
 *
 * @example
 * sessionUid('m-1', 's1') //=> 's1.m-1@meridian'
 */
export const sessionUid = (meetingId: string, sessionId: string): string => `${sessionId}.${meetingId}@meridian`;
