import { MEETING_FIELDS_ON_SESSIONS, type ReleaseChanges, type SessionChange, type SessionField } from '@meridian/domain';

/**
 * The session changes a digest, or the page's release history, tells. A change of the meeting's
 * location or documents reaches every session's calendar event (its SEQUENCE moves), but readers
 * are told it once, among the meeting's details: a session that changed only by it is left out,
 * and the others do not list it again.
 */
export const sessionNews = (changes: ReleaseChanges): SessionChange[] =>
  changes.sessions.flatMap((change) => {
    const fields = change.fields.filter((field) => !(MEETING_FIELDS_ON_SESSIONS as readonly SessionField[]).includes(field));
    return change.kind === 'changed' && fields.length === 0 ? [] : [{ ...change, fields }];
  });
