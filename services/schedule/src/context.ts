import type { EventStore } from '@meridian/event-store';
import type { Clock } from '@meridian/http';
import type { ScheduleConfig } from './config.ts';
import type { MeetingsReadModel } from './read-model/meetings-read-model.ts';
import type { PersonalFeedsReadModel } from './read-model/personal-feeds-read-model.ts';
import type { Projector } from './read-model/projector.ts';
import type { ResponseCache } from './response-cache.ts';
import type { SubscribersReadModel } from './read-model/subscribers-read-model.ts';

/** What every route of the schedule service works with: one object, decorated once. */
export interface ScheduleContext {
  readonly config: ScheduleConfig;
  readonly clock: Clock;
  readonly store: EventStore;
  readonly meetings: MeetingsReadModel;
  readonly personalFeeds: PersonalFeedsReadModel;
  readonly subscribers: SubscribersReadModel;
  readonly projector: Projector;
  /** rendered feeds, bounded */
  readonly feedCache: ResponseCache;
  /** rendered agendas, bounded */
  readonly agendaCache: ResponseCache;
}

declare module 'fastify' {
  interface FastifyInstance {
    schedule: ScheduleContext;
  }
}
