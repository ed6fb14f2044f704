import t from 'tap';
import type { InjectOptions } from 'fastify';
import { createReferenceMeeting, OHCHR_TOKEN, UCLG_TOKEN } from './support/app.ts';
import { createMeeting, fileApp, meetingBody } from './support/http.ts';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }> }>;
}
type Document = { openapi: string; info: { description: string }; paths: Record<string, Record<string, Operation>> };

// The routes of this service's tests (others may be added; each must be described and served).
const ROUTES = [
  'GET /problems/{code}',
  'GET /healthz',
  'GET /readyz',
  'POST /meetings',
  'GET /meetings',
  'GET /meetings/{meetingId}',
  'PATCH /meetings/{meetingId}',
  'POST /meetings/{meetingId}/time-zone',
  'POST /meetings/{meetingId}/cancel',
  'GET /meetings/{meetingId}/history',
  'POST /meetings/{meetingId}/sessions',
  'GET /meetings/{meetingId}/sessions/{sessionId}',
  'PATCH /meetings/{meetingId}/sessions/{sessionId}',
  'DELETE /meetings/{meetingId}/sessions/{sessionId}',
  'POST /meetings/{meetingId}/sessions/{sessionId}/restore',
  'POST /meetings/{meetingId}/sessions/{sessionId}/speakers',
  'DELETE /meetings/{meetingId}/sessions/{sessionId}/speakers/{speakerId}',
  'POST /meetings/{meetingId}/releases',
  'GET /meetings/{meetingId}/releases',
  'GET /meetings/{meetingId}/releases/{version}',
  'GET /meetings/{meetingId}/draft/changes',
  'GET /meetings/{meetingId}/agenda',
  'GET /meetings/{meetingId}/calendar.ics',
  'POST /meetings/{meetingId}/personal-feeds',
  'GET /feeds/{feedId}/{token}',
  'DELETE /feeds/{feedId}/{token}',
];

t.test('the OpenAPI document and the docs', async (t) => {
  const test = await fileApp();
  const response = await test.app.inject({ method: 'GET', url: '/openapi.json' });
  const doc = response.json() as Document;

  t.test('GET /openapi.json is OpenAPI 3.1, lists every route, and only routes that exist', async (t) => {
    t.equal(response.statusCode, 200);
    t.equal(doc.openapi, '3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    for (const route of ROUTES) t.ok(listed.includes(route), `${route} is described`);
    for (const route of listed) {
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      t.ok(test.app.hasRoute({ method: method as 'GET', url }), `${route} is served`);
    }
  });

  t.test('every operation has a summary and a tag; every error response is a Problem; organiser routes say bearer', async (t) => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        t.ok(operation.summary, `${name}: summary`);
        t.ok((operation.tags ?? []).length > 0, `${name}: tag`);
        for (const [status, described] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          const schemas = Object.values(described.content ?? {}).map((content) => content.schema ?? {});
          const isProblem = (schema: { $ref?: string; properties?: Record<string, unknown> }) =>
            schema.$ref === '#/components/schemas/Problem' || ['type', 'title', 'status', 'detail'].every((member) => member in (schema.properties ?? {}));
          t.ok(schemas.length > 0 && schemas.every(isProblem), `${name} ${status} is a Problem`);
        }
        // A route that may answer 401 takes the bearer token (the meetings list: optionally).
        if (Object.keys(operation.responses).includes('401')) t.ok(operation.security?.some((scheme) => 'bearer' in (scheme as object)), `${name}: bearer`);
      }
    }
  });

  t.test('every problem type named in the document resolves at /problems/<code>', async (t) => {
    const codes = [...doc.info.description.matchAll(/^- `([a-z-]+)` \((\d{3})\)/gm)].map((match) => [match[1]!, Number(match[2])] as const);
    t.ok(codes.length >= 30, 'the catalogue is listed');
    for (const [code, status] of codes) {
      const described = await test.app.inject({ method: 'GET', url: `/problems/${code}` });
      t.equal(described.statusCode, 200, code);
      t.match(described.json(), { type: `/problems/${code}`, code, status });
    }
  });

  t.test('GET /docs renders the document', async (t) => {
    const docs = await test.app.inject({ method: 'GET', url: '/docs' });
    t.equal(docs.statusCode, 200);
    t.match(docs.headers['content-type'], /^text\/html/);
    t.match(docs.body, /swagger-ui/i);
  });
});

t.test('the error statuses routes answer are the ones the document describes', async (t) => {
  const test = await fileApp();
  const doc = (await test.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Document;
  const published = await createReferenceMeeting(test);
  const draft = await createMeeting(t, test);
  const as = (token: string | null, request: InjectOptions) => test.as(token, request);
  const keyed = (key: string) => ({ 'idempotency-key': key });
  // Idempotency keys reused with another body: the first use of each
  for (const [url, body] of [
    [`/meetings/${published}/sessions/session-1/speakers`, { id: 'p1', name: 'Ada' }],
    [`/meetings/${published}/releases`, { label: 'first' }],
    [`/meetings/${draft.id}/cancel`, { reason: 'first' }],
  ] as const) {
    const first = await as(OHCHR_TOKEN, { method: 'POST', url, headers: keyed('reused'), payload: body });
    t.ok(first.statusCode < 300, `first use of the key on ${url}`);
  }
  // [operation, request, token]
  const observed: [string, InjectOptions, string | null][] = [
    ['POST /meetings', { method: 'POST', url: '/meetings', payload: { title: 'x' } }, OHCHR_TOKEN],
    ['POST /meetings', { method: 'POST', url: '/meetings', payload: meetingBody() }, null],
    ['POST /meetings', { method: 'POST', url: '/meetings', headers: { 'content-type': 'application/xml' }, payload: '<x/>' }, OHCHR_TOKEN],
    ['POST /meetings', { method: 'POST', url: '/meetings', payload: meetingBody({ description: 'x'.repeat(300_000) }) }, OHCHR_TOKEN],
    ['POST /meetings', { method: 'POST', url: '/meetings', headers: { 'if-match': '"3"' }, payload: meetingBody() }, OHCHR_TOKEN],
    ['GET /meetings', { method: 'GET', url: '/meetings?cursor=garbage' }, null],
    ['GET /meetings/{meetingId}', { method: 'GET', url: `/meetings/${published}` }, UCLG_TOKEN],
    ['GET /meetings/{meetingId}', { method: 'GET', url: '/meetings/nope' }, OHCHR_TOKEN],
    ['PATCH /meetings/{meetingId}', { method: 'PATCH', url: `/meetings/${published}`, headers: { 'if-match': '"1"' }, payload: { title: 'x' } }, OHCHR_TOKEN],
    ['PATCH /meetings/{meetingId}', { method: 'PATCH', url: `/meetings/${published}`, headers: { 'if-match': '1' }, payload: { title: 'x' } }, OHCHR_TOKEN],
    ['POST /meetings/{meetingId}/time-zone', { method: 'POST', url: `/meetings/${published}/time-zone`, payload: { timeZone: 'CET', policy: 'keep-instants' } }, OHCHR_TOKEN],
    ['POST /meetings/{meetingId}/cancel', { method: 'POST', url: `/meetings/${draft.id}/cancel`, headers: keyed('reused'), payload: { reason: 'second' } }, OHCHR_TOKEN],
    ['GET /meetings/{meetingId}/history', { method: 'GET', url: '/meetings/-bad-id/history' }, OHCHR_TOKEN],
    ['GET /meetings/{meetingId}/history', { method: 'GET', url: `/meetings/${published}/history` }, UCLG_TOKEN],
    ['POST /meetings/{meetingId}/sessions', { method: 'POST', url: `/meetings/${published}/sessions`, payload: { title: 'x', start: '2026-03-29T02:30', end: '2026-03-29T04:00' } }, OHCHR_TOKEN],
    ['GET /meetings/{meetingId}/sessions/{sessionId}', { method: 'GET', url: `/meetings/${published}/sessions/nope` }, OHCHR_TOKEN],
    ['PATCH /meetings/{meetingId}/sessions/{sessionId}', { method: 'PATCH', url: `/meetings/${published}/sessions/session-1`, payload: { end: '2025-11-26T09:00' } }, OHCHR_TOKEN],
    ['DELETE /meetings/{meetingId}/sessions/{sessionId}', { method: 'DELETE', url: `/meetings/${published}/sessions/session-1`, headers: { 'if-match': '"1"' } }, OHCHR_TOKEN],
    ['POST /meetings/{meetingId}/sessions/{sessionId}/restore', { method: 'POST', url: `/meetings/${published}/sessions/session-1/restore`, headers: { 'if-match': 'one' } }, OHCHR_TOKEN],
    ['POST /meetings/{meetingId}/sessions/{sessionId}/restore', { method: 'POST', url: `/meetings/${published}/sessions/session-1/restore` }, OHCHR_TOKEN],
    ['POST /meetings/{meetingId}/sessions/{sessionId}/restore', { method: 'POST', url: `/meetings/${published}/sessions/session-1/restore`, headers: { 'content-type': 'text/plain' }, payload: 'restore' }, OHCHR_TOKEN],
    ['POST /meetings/{meetingId}/sessions/{sessionId}/restore', { method: 'POST', url: `/meetings/${published}/sessions/session-1/restore`, payload: { disambiguation: 'x'.repeat(300_000) } }, OHCHR_TOKEN],
    ['DELETE /meetings/{meetingId}/sessions/{sessionId}', { method: 'DELETE', url: `/meetings/${published}/sessions/session-1`, headers: { 'content-type': 'text/plain' }, payload: 'cancel' }, OHCHR_TOKEN],
    ['DELETE /meetings/{meetingId}/sessions/{sessionId}/speakers/{speakerId}', { method: 'DELETE', url: `/meetings/${published}/sessions/session-1/speakers/p1`, headers: { 'content-type': 'text/plain' }, payload: 'remove' }, OHCHR_TOKEN],
    ['POST /meetings/{meetingId}/sessions/{sessionId}/speakers', { method: 'POST', url: `/meetings/${published}/sessions/session-1/speakers`, headers: keyed('reused'), payload: { id: 'p2', name: 'Grace' } }, OHCHR_TOKEN],
    ['DELETE /meetings/{meetingId}/sessions/{sessionId}/speakers/{speakerId}', { method: 'DELETE', url: `/meetings/${published}/sessions/session-1/speakers/p1`, headers: { 'if-match': 'one' } }, OHCHR_TOKEN],
    ['DELETE /meetings/{meetingId}/sessions/{sessionId}/speakers/{speakerId}', { method: 'DELETE', url: `/meetings/${published}/sessions/session-1/speakers/nope` }, OHCHR_TOKEN],
    ['POST /meetings/{meetingId}/releases', { method: 'POST', url: `/meetings/${published}/releases`, headers: keyed('reused'), payload: { label: 'second' } }, OHCHR_TOKEN],
    ['POST /meetings/{meetingId}/releases', { method: 'POST', url: `/meetings/${published}/releases`, payload: {} }, OHCHR_TOKEN],
    ['GET /meetings/{meetingId}/releases', { method: 'GET', url: `/meetings/${draft.id}/releases` }, null],
    ['GET /meetings/{meetingId}/releases/{version}', { method: 'GET', url: `/meetings/${published}/releases/9` }, null],
    ['GET /meetings/{meetingId}/releases/{version}', { method: 'GET', url: `/meetings/${published}/releases/nine` }, null],
    ['GET /meetings/{meetingId}/draft/changes', { method: 'GET', url: `/meetings/${published}/draft/changes` }, UCLG_TOKEN],
    ['GET /meetings/{meetingId}/agenda', { method: 'GET', url: `/meetings/${published}/agenda?locale=zz` }, null],
    ['GET /meetings/{meetingId}/agenda', { method: 'GET', url: `/meetings/${draft.id}/agenda` }, null],
    ['GET /meetings/{meetingId}/calendar.ics', { method: 'GET', url: `/meetings/${draft.id}/calendar.ics` }, null],
    ['POST /meetings/{meetingId}/personal-feeds', { method: 'POST', url: `/meetings/${published}/personal-feeds`, payload: { sessionIds: ['nope'] } }, null],
    ['GET /problems/{code}', { method: 'GET', url: '/problems/nope' }, null],
  ];
  for (const [operation, request, token] of observed) {
    const answer = await as(token, request);
    const [method, path] = operation.split(' ') as [string, string];
    const documented = Object.keys(doc.paths[path]?.[method.toLowerCase()]?.responses ?? {});
    t.ok(answer.statusCode >= 400, `${operation} → ${answer.statusCode}`);
    t.ok(documented.includes(String(answer.statusCode)), `${operation} documents the ${answer.statusCode} it answers`);
  }
});

t.test('every Location, ETag and Retry-After a route answers is declared on that response', async (t) => {
  const test = await fileApp();
  const doc = (await test.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Document & {
    paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
  };
  const published = await createReferenceMeeting(test);
  const draft = await createMeeting(t, test);
  const feed = await test.as(null, { method: 'POST', url: `/meetings/${published}/personal-feeds`, payload: { sessionIds: ['session-1'] } });
  const feedPath = new URL(String(feed.headers.location)).pathname;
  // [operation, request]; each GET of a cached read is asked again with its ETag, for the 304
  const observed: [string, InjectOptions, boolean][] = [
    ['POST /meetings', { method: 'POST', url: '/meetings', payload: meetingBody() }, false],
    ['POST /meetings/{meetingId}/sessions', { method: 'POST', url: `/meetings/${draft.id}/sessions`, payload: { title: 'Opening', start: '2025-11-26T09:00', end: '2025-11-26T09:20' } }, false],
    ['POST /meetings/{meetingId}/releases', { method: 'POST', url: `/meetings/${draft.id}/releases`, payload: {} }, false],
    ['GET /meetings/{meetingId}', { method: 'GET', url: `/meetings/${published}` }, false],
    ['GET /meetings/{meetingId}/agenda', { method: 'GET', url: `/meetings/${published}/agenda?tz=Asia/Tokyo` }, true],
    ['GET /meetings/{meetingId}/calendar.ics', { method: 'GET', url: `/meetings/${published}/calendar.ics` }, true],
    ['GET /feeds/{feedId}/{token}', { method: 'GET', url: feedPath }, true],
    ['GET /meetings/{meetingId}/sessions/{sessionId}/event.ics', { method: 'GET', url: `/meetings/${published}/sessions/session-1/event.ics` }, true],
  ];
  const assertDeclared = (operation: string, answer: { statusCode: number; headers: Record<string, unknown> }) => {
    const [method, path] = operation.split(' ') as [string, string];
    const declared = Object.keys(doc.paths[path]?.[method.toLowerCase()]?.responses[String(answer.statusCode)]?.headers ?? {}).map((name) => name.toLowerCase());
    for (const name of ['location', 'etag', 'retry-after'].filter((header) => answer.headers[header] !== undefined)) {
      t.ok(declared.includes(name), `${operation} ${answer.statusCode} declares ${name}`);
    }
  };
  assertDeclared('POST /meetings/{meetingId}/personal-feeds', feed);
  for (const [operation, request, revalidated] of observed) {
    const answer = await test.as(OHCHR_TOKEN, request);
    t.ok(answer.statusCode < 300, `${operation} → ${answer.statusCode}`);
    assertDeclared(operation, answer);
    if (!revalidated) continue;
    const again = await test.as(OHCHR_TOKEN, { ...request, headers: { 'if-none-match': String(answer.headers.etag) } });
    t.equal(again.statusCode, 304, `${operation} revalidated`);
    assertDeclared(operation, again);
  }
});

t.test('every operation documents 431 headers-too-large, which Node answers before any route, as a problem', async (t) => {
  const test = await fileApp();
  const doc = (await test.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Document & { paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>> };
  const undocumented = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => !operation.responses['431']?.description.includes('`headers-too-large`'))
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
  t.same(undocumented, []);
  // Over a socket: inject does not go through Node's HTTP parser.
  const address = await test.app.listen({ port: 0, host: '127.0.0.1' });
  const answer = await fetch(`${address}/meetings/${'a'.repeat(100_000)}`);
  t.equal(answer.status, 431);
  t.match(await answer.json(), { code: 'headers-too-large', status: 431 });
});
