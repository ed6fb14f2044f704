import { openSqliteEventStore, type SqliteEventStore } from '@meridian/event-store';
import type { Clock } from '@meridian/http';
import { Temporal } from '@meridian/domain';
import type { FastifyInstance } from 'fastify';
import { buildScheduleApp } from '../src/app.ts';
import { loadScheduleConfig, type ScheduleConfig } from '../src/config.ts';
import { BENCH_NOW, BENCH_TOKEN } from './meetings.ts';

/** A clock the bench sets by hand (2031-01-01 by default: every benched session is upcoming). */
export class FixedClock implements Clock {
  constructor(public instant: Temporal.Instant = BENCH_NOW) {}
  now(): Temporal.Instant {
    return this.instant;
  }
}

/** The service's configuration as `main.ts` would load it, with the bench's organiser token. */
export const benchConfig = (storePath: string): ScheduleConfig =>
  loadScheduleConfig(
    {
      MERIDIAN_STORE: `sqlite:${storePath}`,
      MERIDIAN_API_TOKENS: `bench=${BENCH_TOKEN}`,
      MERIDIAN_PUBLIC_URL: 'https://meridian.bench',
      MERIDIAN_SECRET: 'a-bench-secret-of-at-least-32-characters!',
      MERIDIAN_ORGANIZER_EMAIL: 'agenda@meridian.bench',
    },
    () => 'unused',
  );

export interface BenchService {
  readonly app: FastifyInstance;
  readonly store: SqliteEventStore;
  readonly clock: FixedClock;
  /** http://127.0.0.1:<port> */
  readonly url: string;
}

/**
 * The schedule service as `main.ts` builds it (SQLite store, WAL, synchronous=FULL), listening on
 * 127.0.0.1, without request logs (the baseline has none either). `wrapStore` lets a diagnostic
 * put a prototype in front of the store.
 */
export const startService = async (storePath: string, wrapStore: (store: SqliteEventStore) => SqliteEventStore = (store) => store): Promise<BenchService> => {
  const store = wrapStore(openSqliteEventStore({ path: storePath }));
  const clock = new FixedClock();
  const app = await buildScheduleApp({ config: benchConfig(storePath), store, clock, logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, store, clock, url };
};
