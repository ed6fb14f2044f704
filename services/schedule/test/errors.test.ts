import t from 'tap';
import { createReferenceMeeting, OHCHR_TOKEN, startApp } from './support/app.ts';
import { assertProblem, createMeeting, fileApp, hasError, history, meetingBody } from './support/http.ts';

// Errors Fastify raises itself (before or around the routes) must be problem+json like ours
// (DESIGN.md, HTTP conventions: "never a stack, also for errors Fastify raises itself").

t.test('framework errors are problem documents', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test);

  t.test('a body that is not JSON: 400 malformed-json', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: '/meetings',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": "Unclosed", "timeZone": ',
    });
    await assertProblem(t, test, response, { status: 400, code: 'malformed-json' });
  });

  t.test('an empty body declared as JSON: 400 malformed-json', async (t) => {
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', headers: { 'content-type': 'application/json' }, payload: '' });
    await assertProblem(t, test, response, { status: 400, code: 'malformed-json' });
  });

  t.test('a merge patch that is not JSON: 400 malformed-json', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'PATCH',
      url: `/meetings/${meetingId}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: "{title: 'not json'}",
    });
    await assertProblem(t, test, response, { status: 400, code: 'malformed-json' });
  });

  t.test('a broken %-encoding in the URL: 400 bad-url', async (t) => {
    for (const url of ['/meetings/%E0%A4%A', `/meetings/${meetingId}/agenda%ZZ`]) {
      const response = await test.app.inject({ method: 'GET', url });
      await assertProblem(t, test, response, { status: 400, code: 'bad-url' });
    }
  });

  t.test('a path parameter over 200 characters: 414 url-too-long; over the id limit of 100: 400', async (t) => {
    const tooLong = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${'a'.repeat(201)}` });
    await assertProblem(t, test, tooLong, { status: 414, code: 'url-too-long' });
    const overIdLimit = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${'a'.repeat(101)}` });
    await assertProblem(t, test, overIdLimit, {
      status: 400,
      code: 'invalid-request',
      errors: [{ pointer: '/meetingId', message: 'must NOT have more than 100 characters' }],
    });
  });

  t.test('a body over 256 KiB: 413 body-too-large; just under is read (and judged by the schema)', async (t) => {
    const over = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: '/meetings',
      payload: meetingBody({ description: 'x'.repeat(256 * 1024) }),
    });
    await assertProblem(t, test, over, { status: 413, code: 'body-too-large' });
    const under = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: '/meetings',
      payload: meetingBody({ description: 'x'.repeat(255 * 1024) }),
    });
    const problem = await assertProblem(t, test, under, { status: 400, code: 'invalid-request' });
    hasError(t, problem, '/description', 'must NOT have more than 20000 characters');
  });

  t.test('a body in a media type the service does not read: 415', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: '/meetings',
      headers: { 'content-type': 'application/xml' },
      payload: '<meeting><title>x</title></meeting>',
    });
    await assertProblem(t, test, response, { status: 415, code: 'unsupported-media-type' });
  });

  t.test('a text/plain body is an unsupported media type too', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: '/meetings',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify(meetingBody()),
    });
    await assertProblem(t, test, response, { status: 415, code: 'unsupported-media-type' });
  });

  t.test('an unknown route: 404 not-found naming it', async (t) => {
    const unknown = await test.app.inject({ method: 'GET', url: '/meetings/x/y/z?a=1' });
    await assertProblem(t, test, unknown, { status: 404, code: 'not-found', detail: 'no route GET /meetings/x/y/z' });
  });

  t.test('a known path with another method: 405 method-not-allowed, with the methods it answers in Allow', async (t) => {
    const put = await test.as(OHCHR_TOKEN, { method: 'PUT', url: `/meetings/${meetingId}?x=1`, payload: { title: 'x' } });
    await assertProblem(t, test, put, {
      status: 405,
      code: 'method-not-allowed',
      detail: `PUT is not a method of /meetings/${meetingId}; it answers GET, HEAD, PATCH`,
    });
    t.equal(put.headers.allow, 'GET, HEAD, PATCH');
    const trailingSlash = await test.app.inject({ method: 'DELETE', url: '/meetings/' });
    t.equal(trailingSlash.statusCode, 405, 'a trailing slash names the same path, as the router reads it');
    t.equal(trailingSlash.headers.allow, 'GET, HEAD, POST');
    t.equal((await test.app.inject({ method: 'POST', url: '/healthz' })).headers.allow, 'GET, HEAD');
  });

  t.test('a problem type that does not exist: 404', async (t) => {
    const response = await test.app.inject({ method: 'GET', url: '/problems/no-such-problem' });
    t.equal(response.statusCode, 404);
    t.match(response.headers['content-type'], /^application\/problem\+json/);
    t.match(response.json(), { type: '/problems/not-found', status: 404, detail: 'no problem type no-such-problem' });
  });
});

t.test('schema violations are 400 invalid-request naming each one', async (t) => {
  const test = await fileApp();
  const meetingId = await createReferenceMeeting(test, { release: false });

  t.test('unknown fields are refused, not dropped, at any depth', async (t) => {
    const response = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: '/meetings',
      payload: meetingBody({ colour: 'blue', location: { name: 'Room XX', room: 20 } }),
    });
    const problem = await assertProblem(t, test, response, { status: 400, code: 'invalid-request' });
    hasError(t, problem, '/colour', 'is not a known field');
    hasError(t, problem, '/location/room', 'is not a known field');
    t.match(problem.detail, /\/colour is not a known field/);
  });

  t.test('an array where an object is due, and an object where an array is due', async (t) => {
    const location = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: meetingBody({ location: ['Room XX'] }) });
    await assertProblem(t, test, location, { status: 400, code: 'invalid-request' });
    const speakers = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: `/meetings/${meetingId}/sessions`,
      payload: { title: 'x', start: '2025-11-27T09:00', end: '2025-11-27T10:00', speakers: { name: 'Ada' } },
    });
    await assertProblem(t, test, speakers, { status: 400, code: 'invalid-request', errors: [{ pointer: '/speakers', message: 'must be array' }] });
  });

  t.test('a query parameter of the wrong type', async (t) => {
    await assertProblem(t, test, await test.app.inject({ method: 'GET', url: '/meetings?limit=many' }), {
      status: 400,
      code: 'invalid-request',
      errors: [{ pointer: '/limit', message: 'must be integer' }],
    });
    await assertProblem(t, test, await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meetingId}?minRevision=soon` }), {
      status: 400,
      code: 'invalid-request',
    });
    // Ajv coerces these to Infinity and to a number past 2^53: neither may wait for a revision
    // no meeting reaches, nor look a release up
    for (const url of [`/meetings/${meetingId}?minRevision=1e400`, `/meetings/${meetingId}/agenda?minRevision=9007199254740992`, `/meetings/${meetingId}/agenda?version=1e400`, `/meetings/${meetingId}/releases/1e400`]) {
      await assertProblem(t, test, await test.as(OHCHR_TOKEN, { method: 'GET', url }), {
        status: 400,
        code: 'invalid-request',
        errors: [{ pointer: `/${url.includes('minRevision') ? 'minRevision' : 'version'}`, message: url.includes('1e400') ? 'must be a finite number' : 'must be <= 9007199254740991' }],
      });
    }
  });

  t.test('a number where a string is due is refused, not coerced', async (t) => {
    const before = (await test.as(OHCHR_TOKEN, { method: 'GET', url: '/meetings?limit=100' })).json().meetings.length;
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 123, timeZone: 'Europe/Zurich' } });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request', errors: [{ pointer: '/title', message: 'must be string' }] });
    const after = (await test.as(OHCHR_TOKEN, { method: 'GET', url: '/meetings?limit=100' })).json().meetings.length;
    t.equal(after, before, 'no meeting created');
  });

  t.test('a string where a boolean is due is refused, not coerced', async (t) => {
    const session = await test.as(OHCHR_TOKEN, {
      method: 'POST',
      url: `/meetings/${meetingId}/sessions`,
      payload: { title: 'Coercion check', start: '2025-11-28T09:00', end: '2025-11-28T10:00' },
    });
    t.equal(session.statusCode, 201);
    const before = (await history(test, meetingId)).length;
    const response = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: { notify: 'false' } });
    await assertProblem(t, test, response, { status: 400, code: 'invalid-request', errors: [{ pointer: '/notify', message: 'must be boolean' }] });
    t.equal((await history(test, meetingId)).length, before, 'nothing released');
  });
});

t.test('an unexpected failure is a 500 internal-error naming the request id, never a stack', async (t) => {
  const test = await startApp(t);
  await createMeeting(t, test);
  await test.store.close(); // the store goes away under the running service
  const response = await test.as(OHCHR_TOKEN, {
    method: 'POST',
    url: '/meetings',
    headers: { 'x-request-id': 'req-store-gone-1' },
    payload: meetingBody(),
  });
  const problem = await assertProblem(t, test, response, {
    status: 500,
    code: 'internal-error',
    detail: 'an unexpected error occurred; it was logged with request id req-store-gone-1',
    instance: 'urn:meridian:request:req-store-gone-1',
  });
  t.notMatch(JSON.stringify(problem), /closed|StoreClosedError|STORE_CLOSED/, 'the internal error message stays in the log');
});

t.test('a store another connection holds beyond its busy timeout is a 503 store-unavailable with Retry-After; the retry goes through', async (t) => {
  const test = await startApp(t, {}, undefined, { busyTimeoutMs: 50 });
  const { id: meetingId } = await createMeeting(t, test);
  const before = (await history(test, meetingId)).length;
  test.store.database.exec('BEGIN IMMEDIATE'); // another connection (a backup, another process) holds the write lock
  const rename = { method: 'PATCH', url: `/meetings/${meetingId}`, headers: { 'content-type': 'application/merge-patch+json' }, payload: { title: 'Renamed' } } as const;
  const refused = await test.as(OHCHR_TOKEN, rename);
  await assertProblem(t, test, refused, {
    status: 503,
    code: 'store-unavailable',
    detail: 'the event store did not answer in time, and nothing was changed: retry after 5 seconds',
    changeMayHaveBeenMade: false,
  });
  t.equal(refused.headers['retry-after'], '5');
  t.notMatch(refused.body, /SQLITE|locked/, 'what the store said stays in the log');
  test.store.database.exec('ROLLBACK');
  t.equal((await history(test, meetingId)).length, before, 'nothing changed');
  t.equal((await test.as(OHCHR_TOKEN, rename)).statusCode, 200, 'the retry goes through');
});
