import type Database from 'better-sqlite3';
import type { EventStore } from '@meridian/event-store';
import type { Clock } from '@meridian/http';
import type { NotifyConfig } from './config.ts';
import type { NotifyTables } from './db/tables.ts';
import type { MeetingLoader } from './meetings.ts';
import type { Composer } from './composer.ts';
import type { Channels } from './channels-port.ts';
import type { Reactor } from './reactor.ts';
import type { DeliveryWorker } from './delivery-worker.ts';
import type { ReminderScheduler } from './reminder-scheduler.ts';

/** What every route of the notify service works with: one object, decorated once. */
export interface NotifyContext {
  readonly config: NotifyConfig;
  readonly clock: Clock;
  readonly store: EventStore;
  readonly db: Database.Database;
  readonly tables: NotifyTables;
  readonly meetings: MeetingLoader;
  readonly composer: Composer;
  readonly channels: Channels;
  readonly reactor: Reactor;
  readonly worker: DeliveryWorker;
  readonly reminders: ReminderScheduler;
}

declare module 'fastify' {
  interface FastifyInstance {
    notify: NotifyContext;
  }
}
