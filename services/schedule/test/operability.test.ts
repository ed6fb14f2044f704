import t from 'tap';
import { Temporal } from '@meridian/domain';
import { openSqliteEventStore } from '@meridian/event-store';
import { buildScheduleApp } from '../src/app.ts';
import { startApp, createReferenceMeeting, OHCHR_TOKEN, TestClock } from './support/app.ts';

t.test('readiness waits for the read models to catch up; metrics count events, requests and lag', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const ready = await test.app.inject({ url: '/readyz' });
  t.equal(ready.statusCode, 200);
  t.match(ready.json(), { status: 'ready', eventsProcessed: Number });
  await test.app.inject({ url: `/meetings/${meetingId}/agenda?tz=Asia/Tokyo` });
  await test.app.inject({ url: `/meetings/${meetingId}/agenda?tz=Mars/Olympus` });
  await test.app.inject({ url: '/nowhere' });
  const metrics = await test.app.inject({ url: '/metrics' });
  t.equal(metrics.statusCode, 200);
  t.match(metrics.headers['content-type'], /^text\/plain/);
  t.match(metrics.body, /http_request_duration_seconds_count\{service="schedule",method="GET",route="\/meetings\/:meetingId\/agenda",status_code="200"\} 1/);
  t.match(metrics.body, /http_request_duration_seconds_count\{service="schedule",method="GET",route="\/meetings\/:meetingId\/agenda",status_code="400"\} 1/, 'refusals are counted');
  t.match(metrics.body, /http_request_duration_seconds_count\{service="schedule",method="GET",route="unmatched",status_code="404"\} 1/, 'so are unknown routes');
  t.match(metrics.body, /meridian_schedule_subscription_caught_up\{service="schedule"\} 1/);
  t.match(metrics.body, /meridian_schedule_subscription_lag_seconds\{service="schedule"\} 0/);
  t.match(metrics.body, /meridian_schedule_meetings\{service="schedule"\} 1/);
  t.notMatch(metrics.body, new RegExp(meetingId), 'routes are labelled by pattern, never by id');
  const processed = Number(/meridian_schedule_events_processed_total\{service="schedule"\} (\d+)/.exec(metrics.body)?.[1]);
  t.ok(processed >= 6, `events processed (${processed})`);
  t.equal((await test.as(OHCHR_TOKEN, { url: `/meetings/${meetingId}` })).statusCode, 200);
});

t.test('readiness fails when the store is unreachable', async (t) => {
  const test = await startApp(t);
  const store = openSqliteEventStore({ path: `${test.dir}/other.db` });
  const app = await buildScheduleApp({ config: test.config, store, clock: new TestClock(Temporal.Instant.from('2025-11-01T00:00:00Z')), logger: false });
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200);
  await store.close();
  const down = await app.inject({ url: '/readyz' });
  t.equal(down.statusCode, 503);
  t.match(down.json(), { type: '/problems/not-ready', code: 'not-ready', status: 503 });
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'liveness stays up');
  await app.close();
});

t.test('rate limiting answers a 429 problem with Retry-After when configured', async (t) => {
  const test = await startApp(t, { MERIDIAN_RATE_LIMIT: '3' });
  for (let index = 0; index < 3; index += 1) t.equal((await test.app.inject({ url: '/meetings' })).statusCode, 200);
  const limited = await test.app.inject({ url: '/meetings' });
  t.equal(limited.statusCode, 429);
  t.match(limited.json(), { code: 'rate-limited', status: 429 });
  t.match(limited.headers['retry-after'], /^\d+$/);
  t.equal((await test.app.inject({ url: '/healthz' })).statusCode, 200, 'probes are exempt');
  // an organiser is counted apart from the address that used its turns up
  const paths = (await test.as(OHCHR_TOKEN, { url: '/openapi.json' })).json().paths;
  t.match(paths['/meetings'].get.responses['429'], { description: /`rate-limited`/ }, 'the OpenAPI document says a route may answer it');
  t.match(paths['/meetings'].post.responses['429'], { description: /`rate-limited`/ });
  t.match(paths['/meetings'].get.responses['429'].headers, { 'Retry-After': { schema: { type: 'string' } } }, 'with the Retry-After it is answered with');
  t.notOk(paths['/healthz'].get.responses['429'], 'but not on the exempt probes');
  const answered = await test.as(OHCHR_TOKEN, { url: '/meetings' });
  const sent = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].filter((name) => answered.headers[name] !== undefined);
  t.same(sent, ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'], 'every answer says how many turns are left');
  t.same(Object.keys(paths['/meetings'].get.responses['200'].headers ?? {}).filter((name) => name.startsWith('X-RateLimit')).sort(), ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'], 'and the document declares it');
});

t.test('behind a trusted proxy each client has its own turns; the header of anyone else is not believed', async (t) => {
  const test = await startApp(t, { MERIDIAN_RATE_LIMIT: '2', MERIDIAN_TRUST_PROXY: '10.0.0.0/8' });
  const via = (remoteAddress: string, client: string) => test.app.inject({ url: '/meetings', remoteAddress, headers: { 'x-forwarded-for': client } });
  for (let index = 0; index < 2; index += 1) t.equal((await via('10.1.2.3', '203.0.113.7')).statusCode, 200);
  t.equal((await via('10.1.2.3', '203.0.113.7')).statusCode, 429, 'the client behind the proxy used its turns');
  t.equal((await via('10.1.2.3', '198.51.100.9')).statusCode, 200, 'another client behind the same proxy has its own');
  for (let index = 0; index < 2; index += 1) t.equal((await via('192.0.2.1', `192.0.2.${100 + index}`)).statusCode, 200);
  t.equal((await via('192.0.2.1', '192.0.2.200')).statusCode, 429, 'a peer that is not a trusted proxy is the client, whatever header it sends');
});

t.test('without a rate limit no route documents a 429', async (t) => {
  const test = await startApp(t);
  const document = JSON.stringify((await test.app.inject({ url: '/openapi.json' })).json().paths);
  t.notMatch(document, /`rate-limited`/);
  t.notMatch(document, /X-RateLimit/);
});
