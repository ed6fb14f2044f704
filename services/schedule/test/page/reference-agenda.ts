import { REFERENCE_DATE, referenceMeeting, referenceSessions } from '../../src/demo/reference-meeting.ts';
import { createReferenceMeeting, OHCHR_TOKEN, type TestApp } from '../support/app.ts';

/**
 * The reference meeting as participants see it after two releases: Rev.1, the programme (the
 * service clock at 2025-11-01T09:00Z), then an hour later Rev.2, which adds the meeting's
 * description, its background documents and the panels' descriptions, all times unchanged.
 */
export const publishReferenceAgenda = async (test: TestApp): Promise<string> => {
  const meetingId = await createReferenceMeeting(test);
  test.clock.advance({ hours: 1 });
  const expect = async (what: string, answer: Promise<{ statusCode: number; body: string }>) => {
    const response = await answer;
    if (response.statusCode >= 300) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  };
  await expect(
    'meeting details',
    test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}`, payload: { description: referenceMeeting.description, documents: referenceMeeting.documents } }),
  );
  for (const session of referenceSessions(REFERENCE_DATE).filter((session) => session.description !== undefined)) {
    await expect(
      session.sessionId,
      test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/${session.sessionId}`, payload: { description: session.description } }),
    );
  }
  await expect(
    'Rev.2',
    test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: { label: 'Rev.2', note: 'Descriptions of the panels and background documents added.' } }),
  );
  return meetingId;
};
