import { evolve, initialState, meetingStream, type ExistingMeeting, type Meeting, type MeetingEvent } from '@meridian/domain';
import { aggregate, AggregateCache, type EventStore } from '@meridian/event-store';

export interface MeetingLoader {
  /** the meeting as stored now (folded by the domain's own evolve), or undefined */
  load(meetingId: string): Promise<ExistingMeeting | undefined>;
}

const fold = { evolve: (state: Meeting, event: MeetingEvent) => evolve(state, event), initialState };

/** Reads meetings from the store, keeping recent folds so a release costs only its new events. */
export const createMeetingLoader = (store: EventStore, cacheSize = 1_000): MeetingLoader => {
  const cache = new AggregateCache<Meeting>(cacheSize);
  return {
    async load(meetingId) {
      const { state } = await aggregate(store, meetingStream(meetingId), fold, cache);
      return state.exists ? state : undefined;
    },
  };
};
