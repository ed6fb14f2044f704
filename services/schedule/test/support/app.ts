import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Temporal } from '@meridian/domain';
import { openSqliteEventStore, type EventStore, type SqliteEventStore, type SqliteEventStoreOptions } from '@meridian/event-store';
import { buildScheduleApp, type ScheduleAppOptions } from '../../src/app.ts';
import { loadScheduleConfig, type ScheduleConfig } from '../../src/config.ts';
import type { Clock } from '@meridian/http';

export const OHCHR_TOKEN = 'ohchr-token-0123456789';
export const UCLG_TOKEN = 'uclg-token-0123456789';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(public instant = Temporal.Instant.from('2025-11-01T09:00:00Z')) {}
  now(): Temporal.Instant {
    return this.instant;
  }
  advance(duration: Temporal.DurationLike): void {
    this.instant = this.instant.add(duration);
  }
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: SqliteEventStore;
  readonly clock: TestClock;
  readonly config: ScheduleConfig;
  readonly dir: string;
  /** inject with an organiser's token (default OHCHR) */
  as(token: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** A schedule service on a fresh SQLite file in a temp folder, closed and removed after the test. */
export const startApp = async (
  t: Test,
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'meridian-schedule-')),
  { busyTimeoutMs, storeOfApp = (store) => store, awaitCatchUp }: Pick<SqliteEventStoreOptions, 'busyTimeoutMs'> &
    Pick<ScheduleAppOptions, 'awaitCatchUp'> & {
      /** the store as the app sees it: a test may put failures in its way */
      storeOfApp?: (store: SqliteEventStore) => EventStore;
    } = {},
): Promise<TestApp> => {
  const config = loadScheduleConfig(
    {
      MERIDIAN_STORE: `sqlite:${join(dir, 'meridian.db')}`,
      MERIDIAN_API_TOKENS: `ohchr=${OHCHR_TOKEN},uclg=${UCLG_TOKEN}`,
      MERIDIAN_PUBLIC_URL: 'https://meridian.test',
      MERIDIAN_SECRET: 'a-test-secret-of-at-least-32-characters!',
      ...env,
    },
    () => 'unused',
  );
  const store = openSqliteEventStore({ path: config.store.kind === 'sqlite' ? config.store.path : '', ...(busyTimeoutMs !== undefined && { busyTimeoutMs }) });
  const clock = new TestClock();
  const app = await buildScheduleApp({ config, store: storeOfApp(store), clock, logger: false, ...(awaitCatchUp !== undefined && { awaitCatchUp }) });
  t.teardown(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    app,
    store,
    clock,
    config,
    dir,
    as: (token, options) =>
      app.inject({ ...options, headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...options.headers } }),
  };
};

/** The reference meeting's programme, as organisers post it. */
export const REFERENCE_SESSIONS = [
  { id: 'opening', title: 'Opening session', kind: 'opening', start: '2025-11-26T09:00', end: '2025-11-26T09:20' },
  { id: 'session-1', title: 'Session 1: Human rights cities', kind: 'panel', start: '2025-11-26T09:20', end: '2025-11-26T11:00' },
  {
    id: 'session-2',
    title: 'Session 2: Engagement of local and regional governments with the United Nations human rights mechanisms',
    kind: 'panel',
    start: '2025-11-26T15:00',
    end: '2025-11-26T16:45',
  },
  { id: 'closing', title: 'Closing session', kind: 'closing', start: '2025-11-26T16:45', end: '2025-11-26T17:00' },
] as const;

/** Creates the reference meeting with its four sessions (and releases it unless told not to). */
export const createReferenceMeeting = async (test: Pick<TestApp, 'as'>, options: { release?: boolean } = {}): Promise<string> => {
  const created = await test.as(OHCHR_TOKEN, {
    method: 'POST',
    url: '/meetings',
    payload: { title: 'Meeting on local government and human rights', timeZone: 'Europe/Zurich', location: { name: 'Online (MS Teams)' } },
  });
  const meetingId = created.json().id as string;
  for (const session of REFERENCE_SESSIONS) {
    const added = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/sessions`, payload: session });
    if (added.statusCode !== 201) throw new Error(`adding ${session.id}: ${added.body}`);
  }
  if (options.release !== false) {
    const released = await test.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: { label: 'Rev.1' } });
    if (released.statusCode !== 201) throw new Error(`releasing: ${released.body}`);
  }
  return meetingId;
};
