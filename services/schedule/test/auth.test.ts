import t from 'tap';
import type { InjectOptions } from 'fastify';
import { createReferenceMeeting, OHCHR_TOKEN, startApp, UCLG_TOKEN } from './support/app.ts';
import { assertProblem, history } from './support/http.ts';

/** Every organiser route, as a request on one meeting (session-1, speaker p1). */
const organiserRoutes = (meetingId: string): InjectOptions[] => [
  { method: 'GET', url: `/meetings/${meetingId}` },
  { method: 'PATCH', url: `/meetings/${meetingId}`, payload: { title: 'Taken over' } },
  { method: 'POST', url: `/meetings/${meetingId}/time-zone`, payload: { timeZone: 'Asia/Tokyo', policy: 'keep-instants' } },
  { method: 'POST', url: `/meetings/${meetingId}/cancel`, payload: {} },
  { method: 'GET', url: `/meetings/${meetingId}/history` },
  { method: 'POST', url: `/meetings/${meetingId}/sessions`, payload: { title: 'Intruder', start: '2025-11-27T09:00', end: '2025-11-27T10:00' } },
  { method: 'GET', url: `/meetings/${meetingId}/sessions/session-1` },
  { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-1`, payload: { title: 'Taken over' } },
  { method: 'DELETE', url: `/meetings/${meetingId}/sessions/session-1` },
  { method: 'POST', url: `/meetings/${meetingId}/sessions/session-1/restore` },
  { method: 'POST', url: `/meetings/${meetingId}/sessions/session-1/speakers`, payload: { id: 'p2', name: 'Intruder' } },
  { method: 'DELETE', url: `/meetings/${meetingId}/sessions/session-1/speakers/p1` },
  { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} },
  { method: 'GET', url: `/meetings/${meetingId}/draft/changes` },
];

const label = (request: InjectOptions) => `${request.method} ${String(request.url)}`;

t.test('organiser routes need a bearer token of a configured organiser', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const revision = (await history(test, meetingId)).length;

  t.test('401 without a token, on every organiser route (and POST /meetings)', async (t) => {
    for (const request of [{ method: 'POST', url: '/meetings', payload: { title: 'x', timeZone: 'UTC' } } as InjectOptions, ...organiserRoutes(meetingId)]) {
      const response = await test.app.inject(request);
      t.comment(label(request));
      await assertProblem(t, test, response, {
        status: 401,
        code: 'unauthorized',
        detail: 'This route needs a bearer token: an organiser token, and no Authorization header was sent',
      });
    }
  });

  t.test('401 with a token nobody was given, or another scheme', async (t) => {
    for (const authorization of ['Bearer not-a-configured-token-123', `Basic ${Buffer.from(`ohchr:${OHCHR_TOKEN}`).toString('base64')}`, OHCHR_TOKEN, 'Bearer ']) {
      for (const request of [{ method: 'POST', url: '/meetings', payload: { title: 'x', timeZone: 'UTC' } } as InjectOptions, ...organiserRoutes(meetingId)]) {
        const response = await test.app.inject({ ...request, headers: { authorization } });
        t.comment(`${label(request)} with ${authorization.slice(0, 12)}…`);
        await assertProblem(t, test, response, {
          status: 401,
          code: 'unauthorized',
          detail: 'This route needs a bearer token: an organiser token, and this one is not a configured one',
        });
      }
    }
  });

  t.test('nothing was written by the refused requests', async (t) => {
    t.equal((await history(test, meetingId)).length, revision);
    const list = await test.as(OHCHR_TOKEN, { method: 'GET', url: '/meetings' });
    t.equal(list.json().meetings.length, 1, 'no meeting created');
  });

  t.test('refused before the body is read or an Idempotency-Key is claimed in the store', async (t) => {
    const eventsBefore = (await test.store.readAll({ limit: 10_000 })).length;
    for (const request of organiserRoutes(meetingId).filter((route) => route.method === 'POST' || route.method === 'PATCH')) {
      const response = await test.app.inject({ ...request, headers: { 'idempotency-key': 'anonymous-1' }, payload: { unknownField: true } });
      t.equal(response.statusCode, 401, `${label(request)}: 401, not a 400 about the body`);
    }
    const created = await test.app.inject({ method: 'POST', url: '/meetings', headers: { 'idempotency-key': 'anonymous-1' }, payload: { title: 'x', timeZone: 'UTC' } });
    t.equal(created.statusCode, 401);
    t.equal((await test.store.readAll({ limit: 10_000 })).length, eventsBefore, 'no event appended for an anonymous request');
  });

  t.test('the scheme is case-insensitive', async (t) => {
    const response = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}`, headers: { authorization: `bearer ${OHCHR_TOKEN}` } });
    t.equal(response.statusCode, 200);
  });

  t.test('a 401 says how to authenticate', async (t) => {
    const response = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}` });
    t.equal(response.statusCode, 401);
    t.match(response.headers['www-authenticate'], /^Bearer\b/, 'WWW-Authenticate: Bearer');
  });
});

t.test('another organiser\'s meeting: 403 where it is published, 404 where it is a draft', async (t) => {
  const test = await startApp(t);
  const published = await createReferenceMeeting(test);
  const draft = await createReferenceMeeting(test, { release: false });
  for (const meetingId of [published, draft]) {
    const speaker = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/sessions/session-1/speakers`, payload: { id: 'p1', name: 'Ada' } });
    t.equal(speaker.statusCode, 201);
  }
  const revisions = { published: (await history(test, published)).length, draft: (await history(test, draft)).length };

  t.test('403 forbidden on every organiser route of a published meeting', async (t) => {
    for (const request of organiserRoutes(published)) {
      const response = await test.as(UCLG_TOKEN, request);
      t.comment(label(request));
      await assertProblem(t, test, response, { status: 403, code: 'forbidden', detail: `meeting ${published} belongs to another organiser` });
    }
  });

  t.test('404 on every organiser route of a draft, exactly as for a meeting that does not exist', async (t) => {
    for (const [index, request] of organiserRoutes(draft).entries()) {
      const response = await test.as(UCLG_TOKEN, request);
      t.comment(label(request));
      await assertProblem(t, test, response, { status: 404, code: 'meeting-not-found', detail: `no meeting ${draft}`, meetingId: draft });
      const missing = organiserRoutes('no-such-meeting')[index]!;
      const nothing = await test.as(UCLG_TOKEN, missing);
      t.equal(nothing.statusCode, 404);
      t.same(Object.keys(response.json()), Object.keys(nothing.json()), 'same members: nothing tells a draft from nothing');
      t.equal(response.body.replaceAll(draft, 'ID'), nothing.body.replaceAll('no-such-meeting', 'ID'));
    }
  });

  t.test('?minRevision= does not tell another organiser\'s draft from a meeting that does not exist', async (t) => {
    const probe = (meetingId: string, path = '') =>
      [
        test.as(UCLG_TOKEN, { method: 'GET', url: `/meetings/${meetingId}${path}?minRevision=1` }),
        test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/agenda?minRevision=1` }),
      ] as const;
    const [draftAsOther, draftAgenda, nothingAsOther, nothingAgenda] = await Promise.all([...probe(draft), ...probe('no-such-meeting')]);
    t.equal(draftAsOther.statusCode, nothingAsOther.statusCode, `organiser read: ${draftAsOther.statusCode} for a draft, ${nothingAsOther.statusCode} for nothing`);
    t.equal(draftAgenda.statusCode, nothingAgenda.statusCode, `anonymous agenda: ${draftAgenda.statusCode} for a draft, ${nothingAgenda.statusCode} for nothing`);
  });

  t.test('public reads of a draft are 404 too; of a published meeting, allowed to anyone', async (t) => {
    for (const url of [`/meetings/${draft}/agenda`, `/meetings/${draft}/releases`, `/meetings/${draft}/releases/1`]) {
      await assertProblem(t, test, await test.as(UCLG_TOKEN, { method: 'GET', url }), { status: 404, code: 'meeting-not-found', meetingId: draft });
    }
    for (const url of [`/meetings/${published}/agenda`, `/meetings/${published}/releases`, `/meetings/${published}/releases/1`]) {
      t.equal((await test.as(UCLG_TOKEN, { method: 'GET', url })).statusCode, 200, url);
      t.equal((await test.app.inject({ method: 'GET', url })).statusCode, 200, `${url} anonymously`);
    }
  });

  t.test('the list shows another organiser\'s draft to nobody but its owner', async (t) => {
    const ids = async (token: string | null) =>
      ((await test.as(token, { method: 'GET', url: '/meetings' })).json().meetings as { id: string }[]).map((meeting) => meeting.id).sort();
    t.same(await ids(UCLG_TOKEN), [published]);
    t.same(await ids(null), [published]);
    t.same(await ids(OHCHR_TOKEN), [published, draft].sort());
  });

  t.test('the owner\'s meetings are untouched', async (t) => {
    t.equal((await history(test, published)).length, revisions.published);
    t.equal((await history(test, draft)).length, revisions.draft);
    const session = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${published}/sessions/session-1` });
    t.match(session.json(), { title: 'Session 1: Human rights cities', status: 'scheduled', speakers: [{ id: 'p1', name: 'Ada' }] });
  });
});

t.test('?minRevision= answers the owner of a draft at once, and another reader once it is released within the wait', async (t) => {
  const test = await startApp(t);
  const draft = await createReferenceMeeting(test, { release: false });
  t.equal((await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${draft}?minRevision=1` })).statusCode, 200, 'the owner reads its draft (not a 503 after the wait)');
  const waiting = test.app.inject({ method: 'GET', url: `/meetings/${draft}/agenda?minRevision=1` });
  await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${draft}/releases`, payload: {} });
  t.equal((await waiting).statusCode, 200, 'the anonymous agenda waited for the release and answers it');
});
