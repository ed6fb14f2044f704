import type { RecordedEvent } from '@meridian/event-store';
import { MeetingsReadModel } from './meetings-read-model.ts';
import { PersonalFeedsReadModel } from './personal-feeds-read-model.ts';
import { SubscribersReadModel } from './subscribers-read-model.ts';

/** Everything a replica keeps in memory, fed by one subscription. */
export interface ReadModels {
  readonly meetings: MeetingsReadModel;
  readonly personalFeeds: PersonalFeedsReadModel;
  readonly subscribers: SubscribersReadModel;
}

export const emptyReadModels = (): ReadModels => ({
  meetings: new MeetingsReadModel(),
  personalFeeds: new PersonalFeedsReadModel(),
  subscribers: new SubscribersReadModel(),
});

/** Each read model's `apply`, in the order the projector calls them. */
export const projectionsOf = (models: ReadModels): ((event: RecordedEvent) => void)[] => [
  models.meetings.apply.bind(models.meetings),
  models.personalFeeds.apply.bind(models.personalFeeds),
  models.subscribers.apply.bind(models.subscribers),
];
