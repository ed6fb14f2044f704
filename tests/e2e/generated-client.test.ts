// The services driven only through clients generated from their own /openapi.json (openapi-typescript
// types + openapi-fetch) over real HTTP on 127.0.0.1, every response checked against the document.
import { readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import createClient from 'openapi-fetch';
import type { paths as SchedulePaths } from './generated/schedule.d.ts';
import type { paths as NotifyPaths } from './generated/notify.d.ts';
import { fetchDocument, OHCHR_TOKEN, startLiveServices, UCLG_TOKEN } from '../support/live-services.ts';
import { waitUntil } from '../../services/notify/test/support/receivers.ts';
import { REFERENCE_SESSIONS } from '../../services/schedule/test/support/app.ts';
import { createResponseValidator, type ResponseValidator } from '../support/response-validator.ts';
import { firstDifference, GENERATED_TYPES, generateTypes, REGENERATE_COMMAND } from '../support/openapi-types.ts';
import type { OpenApiDocument } from '../support/openapi-document.ts';

/** Asserts what the validator saw: how many responses, none off the document, problems included. */
const assertAllValid = (t: Test, validator: ResponseValidator, minimum: number) => {
  const checked = validator.checked;
  const mismatches = checked.flatMap((response) => response.mismatches.map((mismatch) => mismatch.message));
  const problems = checked.filter((response) => response.mediaType === 'application/problem+json');
  t.comment(`${checked.length} responses validated against the document: ${checked.filter((response) => response.mismatches.length === 0).length} clean, ${mismatches.length} failures (${problems.length} problem responses)`);
  t.ok(checked.length > minimum, `more than ${minimum} responses validated (${checked.length})`);
  t.ok(problems.length > 0, 'problem responses were among them');
  t.same(mismatches, [], 'no response differs from the document in status, media type, headers or body');
};

/** The committed types must be what openapi-typescript makes of the live document now. */
const assertTypesUpToDate = async (t: Test, service: keyof typeof GENERATED_TYPES, document: OpenApiDocument) => {
  const live = await generateTypes(service, document);
  const committed = readFileSync(GENERATED_TYPES[service], 'utf8');
  const difference = firstDifference(committed, live);
  t.equal(difference, undefined, `tests/e2e/generated/${service}.d.ts is up to date with the live /openapi.json (else run: ${REGENERATE_COMMAND})`);
};

t.test('the services driven through clients generated from their OpenAPI documents', async (t) => {
  const live = await startLiveServices(t);
  const scheduleDocument = await fetchDocument(live.scheduleUrl);
  const notifyDocument = await fetchDocument(live.notifyUrl);

  t.test('the generated types are those of the running services', async (t) => {
    await assertTypesUpToDate(t, 'schedule', scheduleDocument);
    await assertTypesUpToDate(t, 'notify', notifyDocument);
  });

  let meetingId = '';

  t.test('schedule: the reference meeting, its agenda in two zones, its errors, releases and feeds', async (t) => {
    const validator = createResponseValidator(scheduleDocument);
    const api = createClient<SchedulePaths>({ baseUrl: live.scheduleUrl, headers: { authorization: `Bearer ${OHCHR_TOKEN}` } });
    api.use(validator.middleware);
    const anonymous = createClient<SchedulePaths>({ baseUrl: live.scheduleUrl });
    anonymous.use(validator.middleware);
    const meeting = (path: { meetingId: string } = { meetingId }) => ({ params: { path } });

    // 1. the meeting and its four sessions
    const created = await api.POST('/meetings', {
      body: { title: 'Meeting on local government and human rights', timeZone: 'Europe/Zurich', location: { name: 'Online (MS Teams)' } },
    });
    t.equal(created.response.status, 201, 'meeting created');
    meetingId = created.data!.id;
    t.equal(created.data!.timeZone, 'Europe/Zurich');
    for (const session of REFERENCE_SESSIONS) {
      const added = await api.POST('/meetings/{meetingId}/sessions', { ...meeting(), body: session });
      t.equal(added.response.status, 201, `${session.id} added`);
      t.equal(added.data?.start, session.start, `${session.id} keeps its wall time`);
    }

    // 2. the first release and the agenda in Tokyo and New York
    const preview = await api.GET('/meetings/{meetingId}/draft/changes', meeting());
    t.equal(preview.response.status, 200, 'draft changes before the first release');
    const released = await api.POST('/meetings/{meetingId}/releases', { ...meeting(), body: { label: 'Rev.1' } });
    t.equal(released.response.status, 201, 'Rev.1 released');
    t.equal(released.data?.version, 1);

    const tokyo = await anonymous.GET('/meetings/{meetingId}/agenda', { params: { path: { meetingId }, query: { tz: 'Asia/Tokyo', locale: 'en-GB' } } });
    t.equal(tokyo.response.status, 200, 'agenda in Asia/Tokyo');
    const tokyoSession1 = tokyo.data?.sessions.find((session) => session.id === 'session-1');
    t.match(tokyoSession1?.start, { instant: '2025-11-26T08:20:00Z', meeting: '2025-11-26T09:20', local: '2025-11-26T17:20', offset: '+09:00', dayShift: 0 });
    const tokyoClosing = tokyo.data?.sessions.find((session) => session.id === 'closing');
    t.match(tokyoClosing?.start, { local: '2025-11-27T00:45', dayShift: 1 }, 'the closing starts the next day in Tokyo');

    const newYork = await anonymous.GET('/meetings/{meetingId}/agenda', { params: { path: { meetingId }, query: { tz: 'America/New_York' } } });
    t.equal(newYork.response.status, 200, 'agenda in America/New_York');
    t.match(newYork.data?.sessions.find((session) => session.id === 'session-1')?.start, { local: '2025-11-26T03:20', offset: '-05:00', dayShift: 0 });
    t.same(newYork.data?.sessions.map((session) => session.id), ['opening', 'session-1', 'session-2', 'closing']);

    // 3. reschedule with If-Match, then a stale If-Match
    const draft = await api.GET('/meetings/{meetingId}', meeting());
    t.equal(draft.response.status, 200, 'draft read');
    const etag = draft.response.headers.get('etag')!;
    t.equal(etag, `"${draft.data?.revision}"`, 'the ETag is the revision');
    const moved = await api.PATCH('/meetings/{meetingId}/sessions/{sessionId}', {
      params: { path: { meetingId, sessionId: 'session-2' }, header: { 'if-match': etag } },
      body: { start: '2025-11-26T14:30', end: '2025-11-26T16:15' },
    });
    t.equal(moved.response.status, 200, 'session 2 rescheduled with the current If-Match');
    t.not(moved.response.headers.get('etag'), etag, 'a new revision');
    const stale = await api.PATCH('/meetings/{meetingId}/sessions/{sessionId}', {
      params: { path: { meetingId, sessionId: 'session-2' }, header: { 'if-match': etag } },
      body: { start: '2025-11-26T14:45' },
    });
    t.equal(stale.response.status, 412, 'a stale If-Match is a 412');
    t.equal(stale.error?.code, 'precondition-failed');

    // 4. a time the clocks skip, and a zone that is not one
    const skipped = await api.POST('/meetings/{meetingId}/sessions', {
      ...meeting(),
      body: { title: 'At a time that does not exist', start: '2026-03-29T02:30', end: '2026-03-29T03:30', track: 'side' },
    });
    t.equal(skipped.response.status, 422, 'nonexistent local time');
    t.match(skipped.error, { code: 'nonexistent-local-time', validAlternatives: ['2026-03-29T01:59', '2026-03-29T03:00'] });
    const unknownZone = await anonymous.GET('/meetings/{meetingId}/agenda', { params: { path: { meetingId }, query: { tz: 'CET' } } });
    t.equal(unknownZone.response.status, 400, 'CET is not a zone');
    t.equal(unknownZone.error?.code, 'unknown-time-zone');
    t.ok((unknownZone.error?.suggestions ?? []).includes('Europe/Zurich'), 'real zones are suggested');
    const unknownZoneMeeting = await api.POST('/meetings', { body: { title: 'In no zone', timeZone: 'Mars/Olympus_Mons' } });
    t.equal(unknownZoneMeeting.response.status, 400, 'an unknown zone for a meeting');

    // 5. the second release, and what organisers and participants read of it
    const changes = await api.GET('/meetings/{meetingId}/draft/changes', meeting());
    t.equal(changes.response.status, 200, 'draft changes');
    t.match(JSON.stringify(changes.data), /session-2/, 'the preview names the moved session');
    const second = await api.POST('/meetings/{meetingId}/releases', { ...meeting(), body: { label: 'Rev.2', note: 'Session 2 moved' } });
    t.equal(second.response.status, 201, 'Rev.2 released');
    t.match(second.data?.changes.sessions, [{ kind: 'moved', sessionId: 'session-2' }]);
    const nothing = await api.POST('/meetings/{meetingId}/releases', { ...meeting(), body: { label: 'Rev.3' } });
    t.equal(nothing.response.status, 409, 'nothing to release');
    const releases = await anonymous.GET('/meetings/{meetingId}/releases', meeting());
    t.equal(releases.response.status, 200, 'releases listed');
    const first = await anonymous.GET('/meetings/{meetingId}/releases/{version}', { params: { path: { meetingId, version: 1 } } });
    t.equal(first.response.status, 200, 'release 1');
    const missing = await anonymous.GET('/meetings/{meetingId}/releases/{version}', { params: { path: { meetingId, version: 9 } } });
    t.equal(missing.response.status, 404, 'no release 9');
    const oldAgenda = await anonymous.GET('/meetings/{meetingId}/agenda', { params: { path: { meetingId }, query: { tz: 'Asia/Tokyo', version: 1 } } });
    t.equal(oldAgenda.response.status, 200, 'the agenda of release 1');
    const history = await api.GET('/meetings/{meetingId}/history', meeting());
    t.equal(history.response.status, 200, 'history');
    const hidden = await anonymous.GET('/meetings/{meetingId}/history', meeting());
    t.equal(hidden.response.status, 401, 'history needs a token');
    const foreign = await api.GET('/meetings/{meetingId}/draft/changes', { ...meeting(), headers: { authorization: `Bearer ${UCLG_TOKEN}` } });
    t.equal(foreign.response.status, 403, 'another organiser may not preview');
    const session = await api.GET('/meetings/{meetingId}/sessions/{sessionId}', { params: { path: { meetingId, sessionId: 'session-2' } } });
    t.equal(session.response.status, 200, 'a session of the draft');
    const list = await api.GET('/meetings', {});
    t.equal(list.response.status, 200, 'meetings listed');

    // 6. feeds: the meeting's, then a personal one
    const feed = await anonymous.GET('/meetings/{meetingId}/calendar.ics', { ...meeting(), parseAs: 'text' });
    t.equal(feed.response.status, 200, 'calendar feed');
    t.match(feed.response.headers.get('content-type'), /^text\/calendar/);
    t.match(feed.data, /^BEGIN:VCALENDAR/);
    const unchanged = await anonymous.GET('/meetings/{meetingId}/calendar.ics', {
      ...meeting(),
      headers: { 'if-none-match': feed.response.headers.get('etag')! },
      parseAs: 'text',
    });
    t.equal(unchanged.response.status, 304, 'not modified');
    const personal = await anonymous.POST('/meetings/{meetingId}/personal-feeds', { ...meeting(), body: { sessionIds: ['session-1', 'closing'], reminders: [10] } });
    t.equal(personal.response.status, 201, 'personal feed made');
    const [feedId, token] = new URL(personal.data!.url).pathname.split('/').slice(2) as [string, string];
    const personalFeed = await anonymous.GET('/feeds/{feedId}/{token}', { params: { path: { feedId, token } }, parseAs: 'text' });
    t.equal(personalFeed.response.status, 200, 'personal feed');
    t.match(personalFeed.data, /BEGIN:VALARM/);
    const revoked = await anonymous.DELETE('/feeds/{feedId}/{token}', { params: { path: { feedId, token } } });
    t.equal(revoked.response.status, 204, 'personal feed revoked');
    const gone = await anonymous.GET('/feeds/{feedId}/{token}', { params: { path: { feedId, token } }, parseAs: 'text' });
    t.equal(gone.response.status, 404, 'revoked feed is gone');

    // 7. meta
    t.equal((await anonymous.GET('/healthz', {})).response.status, 200, 'healthz');
    t.equal((await anonymous.GET('/readyz', {})).response.status, 200, 'readyz');
    const problem = await anonymous.GET('/problems/{code}', { params: { path: { code: 'nonexistent-local-time' } } });
    t.equal(problem.response.status, 200, 'a problem type');

    assertAllValid(t, validator, 20);
  });

  t.test('notify: a webhook subscription on loopback, read, pinged, listed and deleted', async (t) => {
    t.ok(meetingId, 'the schedule flow released a meeting');
    const validator = createResponseValidator(notifyDocument);
    const api = createClient<NotifyPaths>({ baseUrl: live.notifyUrl });
    api.use(validator.middleware);
    const organiser = { authorization: `Bearer ${OHCHR_TOKEN}` };

    const refused = await api.POST('/subscriptions', {
      body: { meetingId: 'no-such-meeting', timeZone: 'Asia/Tokyo', locale: 'en-GB', channel: { type: 'webhook', url: live.system.receiver.url } },
    });
    t.equal(refused.response.status, 404, 'no subscription to a meeting that does not exist');
    const created = await api.POST('/subscriptions', {
      body: { meetingId, timeZone: 'Asia/Tokyo', locale: 'en-GB', channel: { type: 'webhook', url: live.system.receiver.url } },
    });
    t.equal(created.response.status, 201, 'webhook subscription to 127.0.0.1 (MERIDIAN_WEBHOOK_ALLOW_PRIVATE)');
    const subscriptionId = created.data!.id;
    t.match(created.data?.secret, /^whsec_/, 'the signing secret, once');
    const manage = { authorization: `Bearer ${created.data!.manageToken}` };
    const path = { params: { path: { subscriptionId } } };

    const read = await api.GET('/subscriptions/{subscriptionId}', { ...path, headers: manage });
    t.equal(read.response.status, 200, 'read with the manage token');
    t.match(read.data, { id: subscriptionId, meetingId, status: 'active', channel: { type: 'webhook', url: live.system.receiver.url } });
    const anonymous = await api.GET('/subscriptions/{subscriptionId}', path);
    t.equal(anonymous.response.status, 401, 'not without a token');
    const listed = await api.GET('/webhooks', { params: { query: { meetingId } }, headers: organiser });
    t.equal(listed.response.status, 200, 'the organiser lists the webhooks');
    t.ok(listed.data?.webhooks.some((webhook) => webhook.id === subscriptionId), 'the subscription is listed');

    const pinged = await api.POST('/subscriptions/{subscriptionId}/ping', { ...path, headers: manage });
    t.equal(pinged.response.status, 200, 'pinged');
    t.match(pinged.data, { outcome: 'delivered' });

    // a release the subscriber is told about, through the schedule service's own generated client
    const schedule = createClient<SchedulePaths>({ baseUrl: live.scheduleUrl, headers: { authorization: `Bearer ${OHCHR_TOKEN}` } });
    const scheduleValidator = createResponseValidator(scheduleDocument);
    schedule.use(scheduleValidator.middleware);
    const sessionPath = (sessionId: string) => ({ params: { path: { meetingId, sessionId } } });
    t.equal((await schedule.PATCH('/meetings/{meetingId}/sessions/{sessionId}', { ...sessionPath('session-1'), body: { start: '2025-11-26T09:30' } })).response.status, 200, 'session 1 moved');
    t.equal((await schedule.PATCH('/meetings/{meetingId}/sessions/{sessionId}', { ...sessionPath('opening'), body: { title: 'Opening' } })).response.status, 200, 'opening renamed');
    t.equal((await schedule.DELETE('/meetings/{meetingId}/sessions/{sessionId}', sessionPath('closing'))).response.status, 200, 'closing cancelled');
    const released = await schedule.POST('/meetings/{meetingId}/releases', { params: { path: { meetingId } }, body: { label: 'Rev.3' } });
    t.equal(released.response.status, 201, 'Rev.3 released');
    t.same(scheduleValidator.checked.flatMap((response) => response.mismatches), [], `those ${scheduleValidator.checked.length} schedule responses match its document`);

    // every webhook the receiver got is a payload the document's `webhooks` section describes
    const expected = ['webhook.ping', 'agenda.released', 'session.rescheduled', 'session.changed', 'session.cancelled'];
    const typeOf = (body: string) => (JSON.parse(body) as { type: string }).type;
    const received = await waitUntil(
      () => (expected.every((type) => live.system.receiver.received.some((webhook) => typeOf(webhook.body) === type)) ? [...live.system.receiver.received] : undefined),
      15_000,
      `webhooks ${expected.join(', ')}`,
    );
    const payloads = received.map((webhook) => ({ headers: webhook.headers, payload: JSON.parse(webhook.body) as { type: string } }));
    t.same([...new Set(payloads.map(({ payload }) => payload.type))].sort(), [...expected].sort(), 'the ping, the release and one webhook per kind of change');
    for (const { headers, payload } of payloads) {
      const described = notifyDocument.webhooks?.[payload.type]?.post;
      t.ok(described, `webhooks.${payload.type} is described`);
      const missingHeaders = (described?.parameters ?? []).filter((parameter) => parameter.in === 'header' && parameter.required === true && headers[parameter.name.toLowerCase()] === undefined);
      t.same(missingHeaders.map((parameter) => parameter.name), [], `${payload.type} carries the headers the document requires`);
      t.same(validator.checkAt(['webhooks', payload.type, 'post', 'requestBody', 'content', 'application/json', 'schema'], payload), [], `${payload.type} payload matches webhooks.${payload.type}`);
    }

    const deleted = await api.DELETE('/subscriptions/{subscriptionId}', { ...path, headers: manage });
    t.equal(deleted.response.status, 204, 'unsubscribed');
    const after = await api.GET('/subscriptions/{subscriptionId}', { ...path, headers: organiser });
    t.equal(after.response.status, 200, 'the organiser still reads the ended subscription');
    t.match(after.data, { status: 'ended' });

    assertAllValid(t, validator, 7);
  });
});
