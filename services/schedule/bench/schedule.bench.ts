/**
 * Schedule service benchmark (`corepack pnpm bench`; not a test, never run in CI).
 *
 * What: real HTTP on 127.0.0.1. The service is built as `main.ts` builds it (SQLite store, WAL,
 * synchronous=FULL; request logs off, as in the baseline) and listens in this process; the load
 * comes from autocannon 9 in a forked child process (`load-worker.ts`), so the load generator and
 * the server each have one of the two cores. Every figure is the median of ROUNDS rounds; in each
 * round the subject and its baseline run back to back for SECONDS each, in alternating order, so
 * the shared machine's noise falls on both; before each run the bench waits until the servers
 * have finished what the previous run left queued. Baselines are a plain Fastify 5 app in this same
 * process (`baselines.ts`).
 *
 * Figures (one line each, `<figure-id>: <value> <unit> (ratio <r> vs <baseline>)`):
 * - feed.ics           warm GET /meetings/{id}/calendar.ics of a released 200-session meeting
 *                      (created through the routes) vs GET of its own bytes, cached, by plain Fastify.
 * - feed.304           the same with If-None-Match: <its ETag> (→ 304) vs a plain hello-world GET.
 * - agenda.tz          GET /meetings/{id}/agenda?tz=…&locale=… of that meeting, walking 40 zones ×
 *                      3 locales, vs its static ceiling: plain Fastify sending each pair's own
 *                      answer (the bytes fetched once at setup, cached), walked in the same order.
 *                      Not one buffer of filler as large as their mean answer: the load generator
 *                      (autocannon appends every body to a string) reads 120 distinct JSON answers
 *                      several times slower than one repeated filler, from plain Fastify as from
 *                      the service, whose event loop then idles.
 * - command.reschedule PATCH /meetings/{id}/sessions/{sid} {start} with the organiser token, on
 *                      128 meetings × 2 sessions (seeded through the store), each meeting owned by
 *                      one of the connections (so no two requests in flight touch one meeting and
 *                      the overlap check sees one other session), each request moving its session
 *                      between two starts (always a real change: the SessionRescheduled events
 *                      appended are counted against the 200s), vs a plain hello-world POST with
 *                      the same JSON body. Durable: synchronous=FULL, with the store's group
 *                      commit (its writer thread commits in one sync the appends that queued up
 *                      while it committed the previous ones).
 * - schedule.rss       peak RSS (maxRSS) of a service process (`rss-child.ts`) whose read models
 *                      hold 1,000 released meetings × 20 sessions vs the same process on an empty store.
 * - schedule.start     read models ready from the replica's snapshot (`start-child.ts`, with
 *                      MERIDIAN_SNAPSHOT_FILE) vs replaying the store, 2,000 meetings × 100 events,
 *                      as events per CPU second (`start.ts`).
 * `#` lines are context: setup, checks, per-round samples and diagnostics, never figures: the
 * appends per commit of the durable store's group commit, feed.ics once the meeting is over, and
 * agenda.tz (measured again) vs the filler of its mean size, the baseline it had before.
 * MERIDIAN_RATE_LIMIT is unset (rate limiting off), as it is by default.
 *
 * Options: BENCH_ROUNDS (4), BENCH_SECONDS (2), BENCH_CONNECTIONS (50); BENCH_ONLY (figure ids,
 * comma-separated, e.g. `feed.304`: only those pairs, and the memory and start figures only if named);
 * `--profile` adds one CPU-profiled run per subject after the figures (inspector profiler: the samples `node
 * --cpu-prof` takes, limited to the run; `.cpuprofile` files written to a temp folder for
 * DevTools) and prints where the time went.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from '@meridian/domain';
import { fillerBytes, getOnce, startBaselineServer } from './baselines.ts';
import { COMMAND_MEETINGS, rescheduleLoad, startCommandService, toggleTargets } from './commands.ts';
import { createHarness, type Pair } from './harness.ts';
import { startLoadClient, type LoadJob } from './load-client.ts';
import { BENCH_NOW, createMeetingThroughRoutes } from './meetings.ts';
import { measureMemory } from './memory.ts';
import { measureStart } from './start.ts';
import { inclusiveShares, profileWhile, summariseProfile } from './profile.ts';
import { startService, type BenchService } from './service.ts';
import { note } from './stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROFILE = process.argv.includes('--profile');
const ONLY = process.env.BENCH_ONLY?.split(',').map((id) => id.trim());
const selected = (id: string) => ONLY === undefined || ONLY.includes(id);

const ZONES = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu',
  'America/Sao_Paulo', 'America/Argentina/Buenos_Aires', 'America/Mexico_City', 'America/Bogota', 'America/Toronto',
  'America/Halifax', 'America/St_Johns', 'Atlantic/Azores', 'Europe/London', 'Europe/Lisbon', 'Europe/Paris', 'Europe/Berlin',
  'Europe/Zurich', 'Europe/Athens', 'Europe/Istanbul', 'Europe/Moscow', 'Africa/Cairo', 'Africa/Lagos', 'Africa/Nairobi',
  'Africa/Johannesburg', 'Asia/Dubai', 'Asia/Tehran', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Dhaka',
  'Asia/Bangkok', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Adelaide', 'Australia/Sydney', 'Pacific/Auckland',
  'Pacific/Chatham', 'UTC',
];
const LOCALES = ['en-GB', 'fr-CH', 'es'];
// Where a profile's time is attributed (inclusive): files and functions of the command, feed and agenda paths.
const INCLUSIVE_LABELS = [
  'sqliteTransaction', 'event-store/src/sqlite-append.ts', 'event-store/src/command-handler.ts', 'event-store/src/polling-subscription.ts',
  'schedule/src/read-model/', 'domain/src/meeting/decide.ts', 'domain/src/meeting/schedule-rules.ts', 'domain/src/meeting/evolve.ts',
  'domain/src/agenda/project-agenda.ts', 'domain/src/time/projection.ts', 'calendar/src/feed.ts', 'schedule/src/routes/feeds.ts',
  'schedule/src/routes/agenda.ts', 'schedule/src/routes/sessions.ts', 'schedule/src/resources.ts', 'http/src/idempotency.ts', 'http/src/auth.ts',
  'http/src/metrics.ts', 'prom-client', 'secure-json-parse', 'validate*', 'anonymous*', 'fast-json-stringify', 'temporal-polyfill', 'genReqId',
];
const since = (start: number) => `${((performance.now() - start) / 1000).toFixed(0)} s`;

const started = performance.now();
const dir = await mkdtemp(join(tmpdir(), 'meridian-schedule-bench-'));
const load = startLoadClient();
const baseline = await startBaselineServer();
const services: BenchService[] = [];
const harness = createHarness(load, () => [baseline.app, ...services.map((service) => service.app)]);
const job = (url: string, spec: Omit<LoadJob, 'url' | 'connections' | 'durationSeconds'>, seconds: number): LoadJob => ({
  url,
  connections: CONNECTIONS,
  durationSeconds: seconds,
  ...spec,
});

try {
  // 1. the 200-session meeting, created through the routes; its feed and agenda answers checked once
  const main = await startService(join(dir, 'schedule.db'));
  services.push(main);
  const meetingId = await createMeetingThroughRoutes(main.app, 200);
  note(`setup: released meeting of 200 sessions created through the routes (${since(started)})`);
  const feedPath = `/meetings/${meetingId}/calendar.ics`;
  const feed = await getOnce(`${main.url}${feedPath}`);
  const feedBytes = feed.body;
  const etag = feed.headers.etag;
  if (feed.status !== 200 || etag === undefined || !feedBytes.toString('utf8').startsWith('BEGIN:VCALENDAR')) throw new Error(`feed: HTTP ${feed.status}`);
  const notModified = await getOnce(`${main.url}${feedPath}`, { 'if-none-match': etag });
  if (notModified.status !== 304) throw new Error(`feed with If-None-Match: HTTP ${notModified.status}`);
  baseline.setStatic('feed', { contentType: feed.headers['content-type']!, bytes: feedBytes });
  note(`feed: ${feedBytes.length} bytes, ${feedBytes.toString('utf8').split('BEGIN:VEVENT').length - 1} VEVENTs, ETag ${etag}; If-None-Match → 304`);

  const agendaRequests = ZONES.flatMap((tz) => LOCALES.map((locale) => ({ path: `/meetings/${meetingId}/agenda?tz=${encodeURIComponent(tz)}&locale=${locale}` })));
  let agendaBytes = 0;
  const checkAgenda = async ({ path }: { path: string }, index: number) => {
    const answer = await getOnce(`${main.url}${path}`);
    if (answer.status !== 200) throw new Error(`${path}: HTTP ${answer.status} ${answer.body.toString('utf8').slice(0, 200)}`);
    agendaBytes += answer.body.length;
    baseline.setStatic(`agenda-${index}`, { contentType: answer.headers['content-type']!, bytes: answer.body });
  };
  for (let index = 0; index < agendaRequests.length; index += 8) {
    await Promise.all(agendaRequests.slice(index, index + 8).map((request, offset) => checkAgenda(request, index + offset)));
  }
  const agendaStatics = agendaRequests.map((_request, index) => ({ path: `/static/agenda-${index}` }));
  const agendaMean = Math.round(agendaBytes / agendaRequests.length);
  baseline.setStatic('agenda-filler', { contentType: 'application/json; charset=utf-8', bytes: fillerBytes(agendaMean) });
  note(`agenda: ${agendaRequests.length} (zone, locale) pairs (${ZONES.length} zones × ${LOCALES.length} locales), all 200, mean body ${agendaMean} bytes`);

  // 2. the command service, as built (its sync runs on the store's writer thread: a diagnostic
  // with synchronous=OFF on the service's connection would no longer remove it)
  const durable = await startCommandService(dir, 'commands');
  services.push(durable.service);
  const sampleBody = toggleTargets(durable)[0]!.bodies[0];
  note(`commands: ${COMMAND_MEETINGS} released meetings × 2 sessions seeded through the store; ${COMMAND_MEETINGS * 2} PATCH targets, each meeting owned by one of ${CONNECTIONS} connections (${since(started)})`);

  // 3. the figures, and the diagnostics measured in the same rounds
  const get = (name: string, url: string, path: string, expect: '2xx' | '3xx' = '2xx', headers?: Record<string, string>) => (seconds: number) =>
    harness.measure(name, job(url, { requests: [{ path, ...(headers && { headers }) }] }, seconds), expect);
  const agendaTz = (seconds: number) => harness.measure('agenda.tz', job(main.url, { requests: agendaRequests }, seconds), '2xx');
  const allPairs: Pair[] = [
    {
      id: 'feed.ics',
      unit: 'req/s',
      baselineName: `fastify-static-${feedBytes.length}B`,
      subject: get('feed.ics', main.url, feedPath),
      baseline: get('static feed', baseline.url, '/static/feed'),
    },
    {
      id: 'feed.304',
      unit: 'req/s',
      baselineName: 'fastify-hello-world',
      subject: get('feed.304', main.url, feedPath, '3xx', { 'if-none-match': etag }),
      baseline: get('hello', baseline.url, '/hello'),
    },
    {
      id: 'agenda.tz',
      unit: 'req/s',
      baselineName: `fastify-static-same-${agendaRequests.length}-answers`,
      subject: agendaTz,
      baseline: (seconds) => harness.measure('static agenda answers', job(baseline.url, { requests: agendaStatics }, seconds), '2xx'),
    },
    {
      id: 'agenda.tz.filler',
      unit: 'req/s',
      baselineName: `fastify-static-filler-${agendaMean}B`,
      subject: agendaTz,
      baseline: get('static agenda filler', baseline.url, '/static/agenda-filler'),
      diagnostic: true,
    },
    {
      id: 'command.reschedule',
      unit: 'req/s',
      baselineName: 'fastify-hello-world-post',
      subject: rescheduleLoad(harness, durable, 'command.reschedule', CONNECTIONS),
      baseline: (seconds) =>
        harness.measure('hello POST', job(baseline.url, { requests: [{ method: 'POST', path: '/hello', headers: { 'content-type': 'application/json' }, body: sampleBody }] }, seconds), '2xx'),
    },
    {
      id: 'feed.ics.meeting-over',
      unit: 'req/s',
      baselineName: `fastify-static-${feedBytes.length}B`,
      subject: async (seconds) => {
        // The same feed once every session has ended (its bytes are cached all the same).
        main.clock.instant = Temporal.Instant.from('2032-01-01T00:00:00Z');
        try {
          return await get('feed.ics over', main.url, feedPath)(seconds);
        } finally {
          main.clock.instant = BENCH_NOW;
        }
      },
      baseline: 'feed.ics',
      diagnostic: true,
    },
  ];
  // A pair that reuses another's baseline samples keeps that pair in the run.
  const reused = new Set(allPairs.filter((pair) => selected(pair.id) && typeof pair.baseline === 'string').map((pair) => pair.baseline));
  const pairs = allPairs.filter((pair) => selected(pair.id) || reused.has(pair.id));
  const warmUp: string[] = [];
  for (const pair of pairs) {
    const start = performance.now();
    await pair.subject(1);
    if (typeof pair.baseline === 'function') await pair.baseline(1);
    warmUp.push(`${pair.id} ${since(start)}`);
  }
  await harness.settle();
  note(`warm-up, 1 s runs and what they left queued: ${warmUp.join(', ')} (${since(started)})`);
  await harness.runPairs(pairs, ROUNDS, SECONDS);
  const { appends, commits } = durable.service.store.groupCommit;
  note(`group commit of command.reschedule (warm-up included): ${appends} appends in ${commits} commits (${(appends / commits).toFixed(1)} per fsync)`);
  for (const [name, cache] of [['feed', main.app.schedule.feedCache], ['agenda', main.app.schedule.agendaCache]] as const) {
    note(`${name} cache: ${cache.size} entries, ${cache.bytes} bytes (bound ${cache.maxBytes} bytes)`);
  }
  note(`throughput figures done (${since(started)})`);

  // 4. memory, and a start from a snapshot
  if (selected('schedule.rss')) await measureMemory(dir, 3);
  if (selected('schedule.start')) await measureStart(dir, 3);

  // 5. optional: where the time goes, one profiled run per subject (not part of the figures)
  if (PROFILE) {
    const folder = await mkdtemp(join(tmpdir(), 'meridian-schedule-profiles-'));
    for (const pair of pairs) {
      await harness.settle();
      const { profile } = await profileWhile(join(folder, `${pair.id}.cpuprofile`), () => pair.subject(SECONDS));
      const summary = summariseProfile(profile, 12);
      note(`profile ${pair.id} (${summary.totalMs.toFixed(0)} ms sampled): by package ${summary.packages.map((entry) => `${entry.name} ${entry.percent.toFixed(1)}%`).join(', ')}`);
      for (const entry of summary.functions) note(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`);
      const inclusive = Object.entries(inclusiveShares(profile, INCLUSIVE_LABELS)).filter(([, percent]) => percent >= 0.5);
      note(`  inclusive: ${inclusive.map(([label, percent]) => `${label} ${percent.toFixed(1)}%`).join(', ')}`);
    }
    note(`profiles written to ${folder}`);
  }
  note(`total ${since(started)}`);
} finally {
  load.close();
  for (const service of services) {
    await service.app.close();
    await service.store.close();
  }
  await baseline.app.close();
  await rm(dir, { recursive: true, force: true });
}
