import t from 'tap';
import { startApp, createReferenceMeeting, OHCHR_TOKEN } from './support/app.ts';

t.test('the agenda is rendered once per (release, zone, locale): same bytes, strong ETag, 304', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const url = `/meetings/${meetingId}/agenda?tz=Asia/Tokyo&locale=fr`;
  const first = await test.app.inject({ url });
  const second = await test.app.inject({ url });
  t.equal(first.statusCode, 200);
  t.equal(first.headers['content-type'], 'application/json; charset=utf-8');
  t.equal(second.body, first.body);
  t.match(first.headers.etag, /^"[A-Za-z0-9_-]+"$/);
  t.equal(second.headers.etag, first.headers.etag);
  t.equal(first.json().sessions[2].start.local, '2025-11-26T23:00');
  const notModified = await test.app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } });
  t.equal(notModified.statusCode, 304);
  t.equal(notModified.body, '');
  const otherZone = await test.app.inject({ url: `/meetings/${meetingId}/agenda?tz=America/New_York&locale=fr` });
  t.not(otherZone.headers.etag, first.headers.etag, 'another zone, other bytes');
  await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-2`, payload: { start: '2025-11-26T15:30' } });
  t.equal((await test.app.inject({ url })).headers.etag, first.headers.etag, 'a draft change is not seen');
  await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  const released = await test.app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } });
  t.equal(released.statusCode, 200, 'a new release is new bytes');
  t.equal(released.json().sessions[2].start.local, '2025-11-26T23:30');
});
