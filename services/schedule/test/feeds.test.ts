import t from 'tap';
import ICAL from 'ical.js';
import { startApp, createReferenceMeeting, OHCHR_TOKEN } from './support/app.ts';

const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));
const events = (ics: string) =>
  parse(ics)
    .getAllSubcomponents('vevent')
    .map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        sequence: event.sequence,
        status: vevent.getFirstPropertyValue('status'),
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
      };
    });

t.test('the feed has the agenda\'s instants, read by an independent parser (ical.js)', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const feed = await test.app.inject({ url: `/meetings/${meetingId}/calendar.ics` });
  t.equal(feed.statusCode, 200);
  t.equal(feed.headers['content-type'], 'text/calendar; charset=utf-8');
  t.match(feed.body, /DTSTART;TZID=Europe\/Zurich:20251126T092000/);
  const agenda = (await test.app.inject({ url: `/meetings/${meetingId}/agenda` })).json();
  const parsed = events(feed.body);
  t.equal(parsed.length, 4);
  for (const session of agenda.sessions) {
    const event = parsed.find((candidate) => candidate.uid === `${session.id}.${meetingId}@meridian`);
    t.ok(event, `event of ${session.id}`);
    t.equal(event?.start, new Date(session.start.instant).toISOString(), `${session.id} start`);
    t.equal(event?.end, new Date(session.end.instant).toISOString(), `${session.id} end`);
  }
});

t.test('bytes are identical between requests; strong ETag; 304 on If-None-Match', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const first = await test.app.inject({ url: `/meetings/${meetingId}/calendar.ics` });
  test.clock.advance({ hours: 3 });
  const second = await test.app.inject({ url: `/meetings/${meetingId}/calendar.ics` });
  t.equal(second.body, first.body);
  t.match(first.headers.etag, /^"[A-Za-z0-9_-]+"$/);
  t.equal(second.headers.etag, first.headers.etag);
  const notModified = await test.app.inject({ url: `/meetings/${meetingId}/calendar.ics`, headers: { 'if-none-match': first.headers.etag as string } });
  t.equal(notModified.statusCode, 304);
  t.equal(notModified.body, '');
});

t.test('a revalidation answered as soon as it is routed is the 304 the handler would send; anything else still reaches it', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const url = `/meetings/${meetingId}/calendar.ics`;
  const first = await test.app.inject({ url });
  const etag = first.headers.etag as string;
  const notModified = await test.app.inject({ url, headers: { 'if-none-match': `"other", ${etag}` } });
  t.equal(notModified.statusCode, 304);
  t.match(notModified.headers, {
    etag,
    'cache-control': 'public, max-age=300',
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'ETag',
  }, 'what a calendar client and a script of another origin need, as on the 200');
  t.notOk(notModified.headers['content-type'], 'no body described');

  const malformed = await test.app.inject({ url: '/meetings/not%20an%20id/calendar.ics', headers: { 'if-none-match': etag } });
  t.equal(malformed.statusCode, 400, 'parameters are still validated when no kept feed matches');
  const unknown = await test.app.inject({ url: '/meetings/no-such-meeting/calendar.ics', headers: { 'if-none-match': etag } });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'meeting-not-found');

  await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` });
  await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  const released = await test.app.inject({ url, headers: { 'if-none-match': etag } });
  t.equal(released.statusCode, 200, 'a tag of an earlier release gets the new feed');
  t.not(released.headers.etag, etag);
});

t.test('SEQUENCE rises after a reschedule and a release; a cancelled session stays as CANCELLED', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const before = events((await test.app.inject({ url: `/meetings/${meetingId}/calendar.ics` })).body);
  await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-2`, payload: { start: '2025-11-26T15:30' } });
  await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` });
  const draftOnly = events((await test.app.inject({ url: `/meetings/${meetingId}/calendar.ics` })).body);
  t.same(draftOnly, before, 'the feed shows releases only, not the draft');
  const released = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: { label: 'Rev.2' } });
  t.equal(released.statusCode, 201);
  const after = events((await test.app.inject({ url: `/meetings/${meetingId}/calendar.ics` })).body);
  const of = (list: ReturnType<typeof events>, id: string) => list.find((event) => event.uid.startsWith(`${id}.`))!;
  t.equal(of(after, 'session-2').sequence, of(before, 'session-2').sequence + 1);
  t.equal(of(after, 'session-2').start, '2025-11-26T14:30:00.000Z');
  t.equal(of(after, 'closing').status, 'CANCELLED');
  t.equal(of(after, 'closing').sequence, 1);
  t.equal(of(after, 'opening').sequence, 0, 'an unchanged session keeps its SEQUENCE');
});

t.test('a personal feed filters sessions, carries alarms, and is revocable', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const created = await test.app.inject({
    method: 'POST',
    url: `/meetings/${meetingId}/personal-feeds`,
    payload: { sessionIds: ['session-1'], reminders: [30, 5] },
  });
  t.equal(created.statusCode, 201, created.body);
  const { url } = created.json();
  t.match(url, /^https:\/\/meridian\.test\/feeds\/[0-9a-f-]+\/[A-Za-z0-9_-]+\.ics$/);
  const path = new URL(url).pathname;
  const feed = await test.app.inject({ url: path });
  t.equal(feed.statusCode, 200);
  t.equal(events(feed.body).length, 1);
  t.equal(feed.body.match(/BEGIN:VALARM/g)?.length, 2);
  t.match(feed.body, /TRIGGER:-PT30M/);
  const withoutIcs = await test.app.inject({ url: path.replace(/\.ics$/, '') });
  t.equal(withoutIcs.statusCode, 200, 'the token works without `.ics` too');
  t.equal(withoutIcs.body, feed.body, 'and the feed names its one URL, whichever form was fetched first');
  t.match(feed.body, `SOURCE;VALUE=URI:${url}`.slice(0, 60));
  const forged = await test.app.inject({ url: path.replace(/\/[^/]+\.ics$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics') });
  t.equal(forged.statusCode, 404);
  t.equal((await test.app.inject({ method: 'DELETE', url: path })).statusCode, 204);
  const revoked = await test.app.inject({ url: path });
  t.equal(revoked.statusCode, 404);
  t.equal(revoked.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal((await test.app.inject({ method: 'DELETE', url: path })).statusCode, 204, 'revoking twice is no error');
  t.equal((await test.app.inject({ method: 'DELETE', url: path.replace(/\/[^/]+\.ics$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics') })).statusCode, 404, 'a forged token still is');
  t.equal((await test.app.inject({ method: 'POST', url: `/meetings/${meetingId}/personal-feeds`, payload: { sessionIds: ['nope'] } })).statusCode, 404);
});

t.test('a personal feed follows at least one session: an empty sessionIds is refused', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const refused = await test.app.inject({ method: 'POST', url: `/meetings/${meetingId}/personal-feeds`, payload: { sessionIds: [] } });
  t.equal(refused.statusCode, 400);
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(refused.json().code, 'invalid-request');
});

t.test('a personal feed is private: no shared cache keeps it, and clients revalidate it by ETag', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const created = await test.app.inject({ method: 'POST', url: `/meetings/${meetingId}/personal-feeds`, payload: { sessionIds: ['session-1'] } });
  const path = new URL(created.json().url).pathname;
  const feed = await test.app.inject({ url: path });
  t.equal(feed.headers['cache-control'], 'private, no-cache');
  const notModified = await test.app.inject({ url: path, headers: { 'if-none-match': feed.headers.etag as string } });
  t.equal(notModified.statusCode, 304);
  t.equal(notModified.headers['cache-control'], 'private, no-cache');
  const meetingFeed = await test.app.inject({ url: `/meetings/${meetingId}/calendar.ics` });
  t.equal(meetingFeed.headers['cache-control'], 'public, max-age=300', 'the meeting\'s feed stays public');
});

t.test('a feed left with no event still holds the meeting zone\'s VTIMEZONE, never an empty calendar', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const created = await test.app.inject({ method: 'POST', url: `/meetings/${meetingId}/personal-feeds`, payload: { sessionIds: ['closing'] } });
  const personal = new URL(created.json().url).pathname;
  await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` });
  await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
  await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/cancel`, payload: { reason: 'Postponed' } });
  test.clock.advance({ hours: 24 * 30 });
  for (const url of [personal, `/meetings/${meetingId}/calendar.ics`]) {
    const feed = await test.app.inject({ url });
    t.equal(feed.statusCode, 200, url);
    t.equal(events(feed.body).length, 0, `${url}: every session cancelled, and the meeting over`);
    t.same(parse(feed.body).getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')), ['Europe/Zurich'], `${url}: the zone`);
  }
});

t.test('no feed for an unknown or unreleased meeting', async (t) => {
  const test = await startApp(t);
  const draft = await createReferenceMeeting(test, { release: false });
  t.equal((await test.app.inject({ url: `/meetings/${draft}/calendar.ics` })).statusCode, 404);
  t.equal((await test.app.inject({ url: '/meetings/nope/calendar.ics' })).statusCode, 404);
});

t.test('revoking a personal feed with a body it does not read: 415 or 413, as documented, and the feed still works', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const created = await test.app.inject({ method: 'POST', url: `/meetings/${meetingId}/personal-feeds`, payload: { sessionIds: ['session-1'] } });
  const path = new URL(created.json().url).pathname;
  const documented = Object.keys((await test.app.inject({ url: '/openapi.json' })).json().paths['/feeds/{feedId}/{token}'].delete.responses);
  const text = await test.app.inject({ method: 'DELETE', url: path, headers: { 'content-type': 'text/plain' }, payload: 'revoke' });
  const huge = await test.app.inject({ method: 'DELETE', url: path, payload: { x: 'x'.repeat(2_000_000) } });
  t.same([text.statusCode, huge.statusCode], [415, 413]);
  t.ok(documented.includes('415') && documented.includes('413'), `documented: ${documented.join(', ')}`);
  t.equal((await test.app.inject({ url: path })).statusCode, 200, 'not revoked');
});
