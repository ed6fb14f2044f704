import tap, { type Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { Temporal } from '@meridian/domain';
import { OHCHR_TOKEN, startApp, type TestApp } from './app.ts';

export type Response = LightMyRequestResponse;

/** What a test expects of a problem document; every other key is an extension member compared exactly. */
export interface ExpectedProblem {
  readonly status: number;
  readonly code: string;
  /** the exact detail, or a pattern it must match */
  readonly detail?: string | RegExp;
  readonly [extension: string]: unknown;
}

// A stack frame ("at fn (file.ts:12:5)") or a source path must never reach a client.
const STACK_TRACE = /\bat .*:\d+:\d+|node:internal|\/src\/[\w/-]+\.ts/;

/**
 * Checks an `application/problem+json` answer (RFC 9457, DESIGN.md "HTTP conventions"): the
 * status, the content type, a `type` of `/problems/<code>` that the service itself describes with
 * the same status and title, a human `detail`, no stack; extension members compared exactly.
 * Resolves with the document for further checks.
 */
export const assertProblem = async (
  t: Test,
  test: TestApp,
  response: Response,
  expected: ExpectedProblem,
  /** `{ todo: 'BUG: …' }` for a known bug: the checks run and report, without failing the suite */
  options: { todo?: string } = {},
): Promise<Record<string, unknown>> => {
  const { status, code, detail, ...extensions } = expected;
  const extra = options.todo === undefined ? {} : { todo: options.todo };
  if (!t.equal(response.statusCode, status, `HTTP ${status} ${code}`, extra)) t.comment(response.body.slice(0, 500));
  t.match(response.headers['content-type'], /^application\/problem\+json(;|$)/, 'content-type is application/problem+json', extra);
  const body = (/json/.test(String(response.headers['content-type'])) ? response.json() : {}) as Record<string, unknown>;
  t.equal(body.type, `/problems/${code}`, 'type is /problems/<code>', extra);
  t.equal(body.code, code, 'code', extra);
  t.equal(body.status, status, 'status member equals the HTTP status', extra);
  t.type(body.title, 'string', 'a title', extra);
  t.type(body.detail, 'string', 'a human detail', extra);
  t.ok(String(body.detail ?? '').trim().length > 5, 'the detail says something', extra);
  t.notOk('stack' in body, 'no stack member');
  t.notMatch(response.body, STACK_TRACE, 'no stack trace or source path in the body');
  if (typeof detail === 'string') t.equal(body.detail, detail, 'detail', extra);
  else if (detail instanceof RegExp) t.match(body.detail, detail, 'detail', extra);
  for (const [name, value] of Object.entries(extensions)) t.same(body[name], value, `extension ${name}`, extra);
  if (body.type === undefined) return body;
  // The type resolves where it says: the catalogue describes it with the same status and title
  // (asked once per app and type).
  const seen = describedTypes.get(test.app) ?? new Set<string>();
  describedTypes.set(test.app, seen);
  if (!seen.has(String(body.type))) {
    seen.add(String(body.type));
    const described = await test.app.inject({ method: 'GET', url: String(body.type) });
    t.equal(described.statusCode, 200, `${String(body.type)} is described`, extra);
    if (described.statusCode === 200) {
      t.equal(described.json().status, body.status, 'the described status matches', extra);
      t.equal(described.json().title, body.title, 'the described title matches', extra);
    }
  }
  return body;
};

const describedTypes = new WeakMap<TestApp['app'], Set<string>>();

/** Where every TestClock starts. */
export const START = Temporal.Instant.from('2025-11-01T09:00:00Z');

let fileService: Promise<TestApp> | undefined;

/**
 * One service (on its own fresh store) for the whole test file, its clock set back to START for
 * each caller: building an app compiles every route's schemas, which costs more than most tests.
 * Tests that need a fresh store, a closed one or a restart use `startApp`.
 */
export const fileApp = async (): Promise<TestApp> => {
  fileService ??= startApp(tap);
  const test = await fileService;
  test.clock.instant = START;
  return test;
};

/** The reference meeting's zone and a body that creates a meeting in it. */
export const meetingBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Meeting on local government and human rights',
  timeZone: 'Europe/Zurich',
  ...overrides,
});

/** Creates a draft meeting and answers its JSON (fails the test on anything but a 201). */
export const createMeeting = async (t: Test, test: TestApp, overrides: Record<string, unknown> = {}, token = OHCHR_TOKEN) => {
  const response = await test.as(token, { method: 'POST', url: '/meetings', payload: meetingBody(overrides) });
  t.equal(response.statusCode, 201, `meeting created (${response.body.slice(0, 200)})`);
  return response.json() as { id: string; revision: number; [field: string]: unknown };
};

/** Adds a session and answers the response. */
export const addSession = (test: TestApp, meetingId: string, session: Record<string, unknown>, token = OHCHR_TOKEN) =>
  test.as(token, { method: 'POST', url: `/meetings/${meetingId}/sessions`, payload: session });

/** Releases the draft and answers the response. */
export const release = (test: TestApp, meetingId: string, body?: Record<string, unknown>, token = OHCHR_TOKEN) =>
  test.as(token, { method: 'POST', url: `/meetings/${meetingId}/releases`, ...(body !== undefined && { payload: body }) });

export interface HistoryEvent {
  readonly id: string;
  readonly revision: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly actor: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly correlationId: string;
}

/** The meeting's events as its owner reads them. */
export const history = async (test: TestApp, meetingId: string, token = OHCHR_TOKEN): Promise<HistoryEvent[]> => {
  const response = await test.as(token, { method: 'GET', url: `/meetings/${meetingId}/history` });
  if (response.statusCode !== 200) throw new Error(`history of ${meetingId}: ${response.statusCode} ${response.body}`);
  return (response.json() as { events: HistoryEvent[] }).events;
};

/** The agenda JSON of a released meeting. */
export const agenda = (test: TestApp, meetingId: string, query = '', headers: Record<string, string> = {}) =>
  test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/agenda${query}`, headers });

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checks that a problem's `errors` name this pointer with this message (among others a union may add). */
export const hasError = (t: Test, problem: Record<string, unknown>, pointer: string, message: string | RegExp): boolean => {
  const errors = (problem.errors ?? []) as { pointer: string; message: string }[];
  const found = errors.some((error) => error.pointer === pointer && (typeof message === 'string' ? error.message === message : message.test(error.message)));
  return t.ok(found, `errors name ${pointer} ${String(message)}`, { found: errors });
};
